package io.portcullis.bench.engine;

import io.portcullis.config.PortcullisConfig;
import io.portcullis.engine.AccessEngine;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Target: compiling 10,000 groups takes at most 2 s, including the first compile in a fresh JVM (a node's
 * startup). Loads the synthetic configuration (which warms the loader, not the engine), then times
 * {@code compiles} successive {@link AccessEngine#compile} calls and prints each (wall time, the compiling
 * thread's CPU time, and GC time meanwhile, so a figure taken on a loaded machine can be read); the first is
 * the cold one. A plain harness rather than JMH because the quantity is one event per JVM: run it several times.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.portcullis.bench.engine.ColdCompile [groups] [compiles]}.
 */
public final class ColdCompile {

    private ColdCompile() {}

    public static void main(String[] args) {
        int groups = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int compiles = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        PortcullisConfig config = EngineFixture.config(groups);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        StringBuilder out = new StringBuilder("groups=" + groups + " compile ms (wall / this thread's CPU / GC):");
        for (int i = 0; i < compiles; i++) {
            long gc = gcMillis();
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            AccessEngine.compile(config);
            long wall = System.nanoTime() - start;
            out.append(i == 0 ? " first " : ", ").append(wall / 1_000_000).append(" / ")
                    .append((threads.getCurrentThreadCpuTime() - cpu) / 1_000_000).append(" / ").append(gcMillis() - gc);
        }
        System.out.println(out);
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }
}
