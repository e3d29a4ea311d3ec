package io.portcullis.bench.estate;

import com.sun.management.OperatingSystemMXBean;
import io.portcullis.config.ConfigLoader;
import io.portcullis.config.ValidationReport;
import io.portcullis.config.digest.PlanDigest;
import io.portcullis.engine.AccessEngine;
import io.portcullis.estate.aws.AwsEstate;
import io.portcullis.estate.aws.ExportReader;
import io.portcullis.estate.aws.Problems;
import io.portcullis.estate.map.ConfigMapper;
import io.portcullis.estate.map.ImportedConfig;
import io.portcullis.estate.write.ImportWriter;
import io.portcullis.runtime.plan.Compilation;
import io.portcullis.runtime.plan.PlanCompiler;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Target: importing a generated estate of 10,000 groups, 100,000 interfaces and 200 private APIs and compiling
 * it as {@code validate} does takes a few seconds. Generates the estate ({@link EstateGenerator}, not timed) once
 * into DIR (kept, so later runs reuse it), then times each phase per round: read (parse every file, JSON
 * pointers kept), map (to configuration items, the report), write (YAML, import-sources.json, the report),
 * load (the configuration loader alone: YAML, checks, cross-references) and compile ({@code PlanCompiler}: load
 * again, then the plan digest, every API's authorizer and the engine); then two parts of the compile again on their
 * own (digest, engine), to say where its time goes. A plain harness rather than JMH: each round is seconds long and
 * the first (cold) one is what a command line pays. Each phase is printed as wall / this thread's CPU / the
 * process's CPU (every thread: readers working side by side, the collector, the JIT) / GC milliseconds.
 *
 * <p>Run: {@code java -Xmx6g -cp bench/target/benchmarks.jar io.portcullis.bench.estate.ImportTiming DIR
 * [groups] [interfaces] [apis] [rounds]}.
 */
public final class ImportTiming {

    private ImportTiming() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/portcullis-estate");
        int groups = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int interfaces = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int apis = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        Path export = dir.resolve("export");
        if (!Files.isDirectory(export)) {
            long t = System.nanoTime();
            new EstateGenerator(new EstateGenerator.Sizes(10, 5, groups, interfaces, apis), 42).write(export);
            System.out.printf("generated %s in %d ms (%d MB)%n", export, ms(t), bytes(export) >> 20);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < rounds; r++) {
            Path out = dir.resolve("config-" + r);
            delete(out);
            Phases t = new Phases(threads);
            String imported = importInto(export, out, t); // the import's objects are garbage before the load starts
            ValidationReport loaded = ConfigLoader.create().load(out);
            t.end("load");
            if (!loaded.valid()) {
                throw new IllegalStateException("invalid: " + loaded.errors().subList(0, Math.min(5, loaded.errors().size())));
            }
            Compilation compiled;
            try (PlanCompiler compiler = PlanCompiler.create()) {
                compiled = compiler.compile(List.of(out));
            }
            t.end("compile");
            var c = compiled.plan().orElseThrow().config();
            PlanDigest.of(c); // compile's parts, timed again on their own
            t.end("digest");
            AccessEngine.compile(c);
            t.end("engine");
            System.out.printf("round %d: %s; %s; %d groups, %d rules, %d workloads, %d endpoints, %d AWS APIs, %d connections%n",
                    r, t, imported, c.securityGroups().size(), c.securityGroups().stream().mapToInt(g -> g.ingress().size()).sum(),
                    c.workloads().size(), c.vpcEndpoints().size(), c.awsApis().size(), c.connections().size());
        }
    }

    /** Reads, maps and writes; returns what was written, in words. */
    private static String importInto(Path export, Path out, Phases t) throws IOException {
        ImportedConfig config = readAndMap(export, t);
        List<Path> files = ImportWriter.write(config, out, "");
        t.end("write");
        return files.size() + " YAML files, " + (bytes(out) >> 20) + " MB written with the sources and report, "
                + config.report().entries().size() + " report entries";
    }

    /** Reads the export and maps it (phases {@code read} and {@code map}); an input problem is a broken generator. */
    static ImportedConfig readAndMap(Path export, Phases t) {
        Problems problems = new Problems();
        AwsEstate estate = new ExportReader(problems).read(export);
        t.end("read");
        ImportedConfig config = new ConfigMapper(estate, problems).map();
        t.end("map");
        if (problems.count() > 0) {
            throw new IllegalStateException("input problems: " + problems.all().subList(0, Math.min(5, problems.count())));
        }
        return config;
    }

    /**
     * Each phase's wall time, this thread's CPU time, the process's CPU time and GC time, printed as
     * {@code name wall/cpu/process/gc ms}.
     */
    static final class Phases {
        private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private final ThreadMXBean threads;
        private final StringBuilder out = new StringBuilder("ms wall/cpu/process/gc:");
        private long wall = System.nanoTime();
        private long cpu;
        private long process = OS.getProcessCpuTime();
        private long gc = gcMillis();

        Phases(ThreadMXBean threads) {
            this.threads = threads;
            this.cpu = threads.getCurrentThreadCpuTime();
        }

        void end(String phase) {
            long w = System.nanoTime();
            long c = threads.getCurrentThreadCpuTime();
            long p = OS.getProcessCpuTime();
            long g = gcMillis();
            out.append(' ').append(phase).append(' ').append((w - wall) / 1_000_000).append('/').append((c - cpu) / 1_000_000)
                    .append('/').append((p - process) / 1_000_000).append('/').append(g - gc);
            wall = w;
            cpu = c;
            process = p;
            gc = g;
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, b.getCollectionTime());
        }
        return total;
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long bytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
