package io.portcullis.bench.estate;

import io.portcullis.config.ConfigLoader;
import io.portcullis.config.ValidationReport;
import io.portcullis.estate.aws.AwsEstate;
import io.portcullis.estate.aws.ExportReader;
import io.portcullis.estate.aws.Problems;
import io.portcullis.estate.map.ConfigMapper;
import io.portcullis.estate.map.ImportedConfig;
import io.portcullis.estate.write.ImportWriter;
import io.portcullis.runtime.plan.Compilation;
import io.portcullis.runtime.plan.PlanCompiler;
import java.io.IOException;
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
 * again, then the engine and every API's authorizer). A plain harness rather than JMH: each round is seconds
 * long and the first (cold) one is what a command line pays.
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
        for (int r = 0; r < rounds; r++) {
            Path out = dir.resolve("config-" + r);
            delete(out);
            long t0 = System.nanoTime();
            Problems problems = new Problems();
            AwsEstate estate = new ExportReader(problems).read(export);
            long t1 = System.nanoTime();
            ImportedConfig config = new ConfigMapper(estate, problems).map();
            long t2 = System.nanoTime();
            if (problems.count() > 0) {
                throw new IllegalStateException("input problems: " + problems.all().subList(0, Math.min(5, problems.count())));
            }
            List<Path> files = ImportWriter.write(config, out, "");
            long t3 = System.nanoTime();
            ValidationReport loaded = ConfigLoader.create().load(out);
            long t4 = System.nanoTime();
            if (!loaded.valid()) {
                throw new IllegalStateException("invalid: " + loaded.errors().subList(0, Math.min(5, loaded.errors().size())));
            }
            Compilation compiled;
            try (PlanCompiler compiler = PlanCompiler.create()) {
                compiled = compiler.compile(List.of(out));
            }
            long t5 = System.nanoTime();
            var c = compiled.plan().orElseThrow().config();
            System.out.printf("round %d: read %d ms, map %d ms, write %d ms (%d files, %d MB), load %d ms, compile %d ms; "
                            + "import (read+map+write) %d ms, import + compile %d ms; %d groups, %d rules, %d workloads, %d endpoints, "
                            + "%d AWS APIs, %d connections, %d report entries%n",
                    r, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, files.size(), bytes(out) >> 20,
                    (t4 - t3) / 1_000_000, (t5 - t4) / 1_000_000, (t3 - t0) / 1_000_000, ((t3 - t0) + (t5 - t4)) / 1_000_000,
                    c.securityGroups().size(), c.securityGroups().stream().mapToInt(g -> g.ingress().size()).sum(), c.workloads().size(),
                    c.vpcEndpoints().size(), c.awsApis().size(), c.connections().size(), config.report().entries().size());
        }
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
