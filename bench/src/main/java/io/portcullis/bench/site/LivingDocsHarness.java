package io.portcullis.bench.site;

import io.portcullis.bench.analysis.GeneratedEstate;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.digest.PlanDigest;
import io.portcullis.engine.AccessEngine;
import io.portcullis.engine.Snapshot;
import io.portcullis.site.LivingDocs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Target (issue 18): {@code portcullis docs} for a 10,000-group configuration in seconds. Generates the estate the
 * analysis harness uses ({@link GeneratedEstate}: 10,000 groups over 100 VPCs of 20 accounts, workloads in services
 * of 50, 10 Portcullis APIs), then per run times, beside the engine compile that {@code validate} also runs (the
 * peer), the site without SVG (pages, DOT, Mermaid, search index) and the site with SVG (Graphviz's {@code dot} as a
 * process). The first run is in a cold JVM. A plain harness rather than JMH: the quantity is one long event.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.portcullis.bench.site.LivingDocsHarness [groups]
 * [interfaces] [runs]}.
 */
public final class LivingDocsHarness {

    private LivingDocsHarness() {}

    public static void main(String[] args) throws IOException {
        int groups = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int interfaces = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        PortcullisConfig config = GeneratedEstate.of(groups, interfaces, 1, 18);
        String digest = PlanDigest.of(config).toString();
        Instant at = Instant.parse("2026-12-07T00:00:00Z");
        System.out.printf("estate: %d groups, %d workloads, %d APIs, %d VPCs%n", config.securityGroups().size(),
                config.workloads().size(), config.apis().size(), config.vpcs().size());
        Path dir = Files.createTempDirectory("living-docs-bench");
        try {
            for (int run = 0; run < runs; run++) {
                long cpu0 = cpu();
                long t0 = System.nanoTime();
                Snapshot snapshot = AccessEngine.compile(config).snapshot();
                long compile = ms(t0);
                t0 = System.nanoTime();
                LivingDocs.Result plain = LivingDocs.builder(config, snapshot).planDigest(digest).at(at).build().write(dir.resolve("plain-" + run));
                long pages = ms(t0);
                long pagesCpu = (cpu() - cpu0) / 1_000_000;
                cpu0 = cpu();
                t0 = System.nanoTime();
                LivingDocs.Result svg = LivingDocs.builder(config, snapshot).planDigest(digest).at(at).graphviz("dot").build()
                        .write(dir.resolve("svg-" + run));
                long withSvg = ms(t0);
                long svgCpu = (cpu() - cpu0) / 1_000_000;
                System.out.printf("run %d: engine compile (peer) %d ms; site without SVG %d ms wall, compile + site %d ms JVM CPU (%d files); "
                        + "site with SVG %d ms wall, %d ms JVM CPU without dot's (%d files, %d MiB)%n", run, compile, pages, pagesCpu,
                        plain.files(), withSvg, svgCpu, svg.files(), bytes(dir.resolve("svg-" + run)) >> 20);
            }
        } finally {
            delete(dir);
        }
    }

    /** CPU time of this JVM, all threads (the group pages are written in parallel), in nanoseconds. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static long bytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
