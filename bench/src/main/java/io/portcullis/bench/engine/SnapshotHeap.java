package io.portcullis.bench.engine;

import io.portcullis.config.PortcullisConfig;
import io.portcullis.engine.AccessEngine;
import io.portcullis.engine.Snapshot;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.openjdk.jol.info.GraphLayout;

/**
 * Target: the snapshot's heap is at most 256 MB. Measures the retained size with JOL's {@link GraphLayout}
 * (every object reachable from the snapshot, counted once, with this JVM's real object layout) and separates
 * the configuration records the snapshot keeps for explanations from the engine's own indexes. Cross-checks with
 * {@link MemoryMXBean} heap use after {@code System.gc()} before and after compiling (coarser: it also counts
 * whatever else the JVM allocated meanwhile).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.portcullis.bench.engine.SnapshotHeap [groups...]}.
 */
public final class SnapshotHeap {

    private SnapshotHeap() {}

    public static void main(String[] args) {
        int[] scales = args.length == 0 ? new int[] {100, 10_000} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        for (int groups : scales) {
            measure(groups);
        }
    }

    private static void measure(int groups) {
        PortcullisConfig config = EngineFixture.config(groups);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(memory);
        AccessEngine engine = AccessEngine.compile(config);
        long after = usedAfterGc(memory);
        Snapshot snapshot = engine.snapshot();
        long withConfig = GraphLayout.parseInstance(snapshot).totalSize();
        long configOnly = GraphLayout.parseInstance(config).totalSize();
        long engineAll = GraphLayout.parseInstance(engine).totalSize();
        System.out.printf("groups=%d workloads=%d rules=%d%n", groups, config.workloads().size(),
                config.securityGroups().stream().mapToInt(g -> g.ingress().size()).sum());
        System.out.printf("  JOL snapshot retained (incl. the config it references): %,d bytes = %.1f MiB%n", withConfig, mib(withConfig));
        System.out.printf("  JOL config records alone:                              %,d bytes = %.1f MiB%n", configOnly, mib(configOnly));
        System.out.printf("  JOL snapshot's own structures (difference):            %,d bytes = %.1f MiB%n", withConfig - configOnly, mib(withConfig - configOnly));
        System.out.printf("  JOL whole AccessEngine (snapshot + writer's workload map): %,d bytes = %.1f MiB%n", engineAll, mib(engineAll));
        System.out.printf("  MemoryMXBean heap used after GC, compile delta:        %,d bytes = %.1f MiB%n", after - before, mib(after - before));
        if (engine.snapshot() == null) { // keeps the engine reachable until after the second measurement
            throw new AssertionError();
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
