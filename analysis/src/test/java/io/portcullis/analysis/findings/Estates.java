package io.portcullis.analysis.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.runtime.plan.Compilation;
import io.portcullis.runtime.plan.Plan;
import io.portcullis.runtime.plan.PlanCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Small estates for the rules' tests: a base network (accounts A and B, VPCs a and b peered, c connected to
 * nothing) in one file and each test's own sections in another, compiled as validate compiles them and analysed
 * at {@link #NOW}.
 */
final class Estates {

    static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");
    static final String A = "111111111111";
    static final String B = "222222222222";

    static final String NETWORK = """
            accounts:
              - {id: "111111111111", name: a}
              - {id: "222222222222", name: b}
            vpcs:
              - {id: vpc-a, account: "111111111111", cidrs: [10.1.0.0/16, "fd00:1::/56"]}
              - {id: vpc-b, account: "222222222222", cidrs: [10.2.0.0/16]}
              - {id: vpc-c, account: "111111111111", cidrs: [10.3.0.0/16]}
            connections:
              - {type: peering, vpcs: [vpc-a, vpc-b]}
            """;

    private Estates() {}

    /** The directory holding the base network and {@code yaml}. */
    static Path write(Path dir, String network, String yaml) {
        try {
            Files.writeString(dir.resolve("network.yaml"), network);
            Files.writeString(dir.resolve("estate.yaml"), yaml);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Finding> analyze(Path dir, String yaml) {
        return analyze(dir, NETWORK, yaml, AnalysisSettings.DEFAULTS);
    }

    static List<Finding> analyze(Path dir, String yaml, AnalysisSettings settings) {
        return analyze(dir, NETWORK, yaml, settings);
    }

    static List<Finding> analyze(Path dir, String network, String yaml, AnalysisSettings settings) {
        write(dir, network, yaml);
        return analyze(List.of(dir), settings);
    }

    /** Compiles as validate does (the configuration must be valid) and analyses. */
    static List<Finding> analyze(List<Path> paths, AnalysisSettings settings) {
        try (PlanCompiler compiler = PlanCompiler.withClock(Clock.fixed(NOW, ZoneOffset.UTC))) {
            Compilation c = compiler.compile(paths);
            assertThat(c.errors()).as("the estate is valid").isEmpty();
            Plan plan = c.plan().orElseThrow();
            compiler.discard(plan);
            return Analyzer.of(settings).analyze(plan.config(), plan.sources(), ImportSources.of(paths), NOW);
        }
    }

    /** The findings of one rule. */
    static List<Finding> of(List<Finding> all, Rule rule) {
        return all.stream().filter(f -> f.rule().equals(rule.id())).toList();
    }

    /** {@code PATH SEVERITY SUBJECT} of each finding of the rule: what the tests compare. */
    static List<String> lines(List<Finding> all, Rule rule) {
        return of(all, rule).stream().map(f -> f.resource().named() + " " + f.severity().label()
                + (f.subject().isEmpty() ? "" : " " + f.subject())).toList();
    }
}
