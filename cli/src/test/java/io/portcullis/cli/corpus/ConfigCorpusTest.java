package io.portcullis.cli.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate} and {@code run} agree on every configuration of the corpus ({@link BrokenConfigs}): both
 * refuse each broken one with the same set of messages, and both accept each valid one. One dynamic test per
 * mutation, grouped by family. Every outcome is also written to {@code target/config-corpus/outcomes.tsv}.
 */
class ConfigCorpusTest {

    private static final Path REPORT = Path.of("target", "config-corpus", "outcomes.tsv");
    private static final ConcurrentLinkedQueue<String> ROWS = new ConcurrentLinkedQueue<>();
    private static final Map<Mutation.Base, String> BASE_REFUSED = new java.util.EnumMap<>(Mutation.Base.class);

    @TempDir
    static Path root;

    private static ch.qos.logback.classic.Level logLevel;

    /** Some 400 nodes start and stop here; their INFO lines would bury the failures (restored afterwards). */
    @BeforeAll
    static void quietNodes() {
        var rootLogger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logLevel = rootLogger.getLevel();
        rootLogger.setLevel(ch.qos.logback.classic.Level.ERROR);
    }

    @Test
    void corpusHoldsAtLeast200BrokenConfigurationsWithUniqueIdsAndSomeValidOnes() {
        List<Mutation> all = BrokenConfigs.all();
        assertThat(BrokenConfigs.broken()).hasSizeGreaterThanOrEqualTo(200);
        assertThat(BrokenConfigs.valid()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(all.stream().map(Mutation::id).distinct()).hasSameSizeAs(all);
        assertThat(all.stream().map(Mutation::family).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("mf", "ur", "dir", "key", "pol", "uk", "ty", "rng", "dup", "port", "ref", "srv", "many", "ok");
    }

    @TestFactory
    Stream<DynamicNode> validateAndRunAgree() {
        Map<String, List<DynamicNode>> byFamily = new LinkedHashMap<>();
        for (Mutation m : BrokenConfigs.all()) {
            byFamily.computeIfAbsent(m.family(), f -> new java.util.ArrayList<>())
                    .add(DynamicTest.dynamicTest(m.toString(), () -> check(m)));
        }
        return byFamily.entrySet().stream().<DynamicNode>map(e -> DynamicContainer.dynamicContainer(e.getKey(), e.getValue()));
    }

    private static void check(Mutation m) throws Exception {
        if (m.needsUnreadableFiles()) {
            Assumptions.assumeTrue(canRevokeRead(), "this process reads files whatever their mode (root): " + m.id() + " skipped");
        }
        if (m.expect() == Mutation.Expect.REFUSE) {
            String refused = baseRefused(m.base());
            assertThat(refused).as("%s: the base itself must be valid, or every mutation of it is refused for nothing", m).isEmpty();
        }
        long written = System.nanoTime();
        Path dir = root.resolve(m.id());
        m.writeTo(dir);
        long start = System.nanoTime();
        Verdict validate = Verdict.validate(dir);
        long validated = System.nanoTime();
        Verdict run = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Verdict.run(dir), m.id() + ": run did not return");
        long ran = System.nanoTime();
        String divergence = divergence(m, validate, run);
        ROWS.add(String.join("\t", m.id(), m.expect().name(), divergence == null ? "agree" : divergence, m.description(),
                tsv(validate), tsv(run), Long.toString((start - written) / 1_000_000), Long.toString((validated - start) / 1_000_000),
                Long.toString((ran - validated) / 1_000_000)));
        if (divergence != null) {
            fail("%s: %s%n  expected: %s%n  validate: %s%n  run:      %s", m, divergence,
                    m.expect() == Mutation.Expect.REFUSE ? "both refuse with the same messages" : "both accept", validate, run);
        }
    }

    /** Empty when both commands accept the unchanged base, else what they said. */
    private static synchronized String baseRefused(Mutation.Base base) throws Exception {
        if (!BASE_REFUSED.containsKey(base)) {
            Path dir = root.resolve("base-" + base.name().toLowerCase(java.util.Locale.ROOT));
            BaseConfigs.write(base, dir).save();
            Verdict validate = Verdict.validate(dir);
            Verdict run = Verdict.run(dir);
            BASE_REFUSED.put(base, validate.accepted() && run.accepted() ? "" : "validate: " + validate + "\nrun: " + run);
        }
        return BASE_REFUSED.get(base);
    }

    /** Null when both commands did what the mutation expects; otherwise how they diverged. */
    static String divergence(Mutation m, Verdict validate, Verdict run) {
        if (m.expect() == Mutation.Expect.ACCEPT) {
            return validate.accepted() && run.accepted() ? null
                    : validate.accepted() ? "run refuses a valid configuration"
                    : run.accepted() ? "validate refuses a valid configuration" : "both refuse a valid configuration";
        }
        if (validate.accepted() && run.accepted()) {
            return "both accept";
        }
        if (validate.accepted()) {
            return run.errors().stream().anyMatch(e -> e.startsWith("<uncaught")) ? "validate accepts, run throws" : "validate accepts, run refuses";
        }
        if (run.accepted()) {
            return "validate refuses, run accepts";
        }
        if (run.errors().stream().anyMatch(e -> e.startsWith("<uncaught"))) {
            return "both refuse, run throws";
        }
        Set<String> onlyValidate = new TreeSet<>(validate.errorSet());
        onlyValidate.removeAll(run.errorSet());
        Set<String> onlyRun = new TreeSet<>(run.errorSet());
        onlyRun.removeAll(validate.errorSet());
        return onlyValidate.isEmpty() && onlyRun.isEmpty() ? null
                : onlyValidate.isEmpty() ? "both refuse, run reports more"
                : onlyRun.isEmpty() ? "both refuse, validate reports more" : "both refuse, different messages";
    }

    private static String tsv(Verdict v) {
        return ((v.accepted() ? "ACCEPTED " : "REFUSED ") + v.detail() + (v.errors().isEmpty() ? "" : ": " + String.join(" | ", v.errors())))
                .replace('\t', ' ').replace('\n', ' ');
    }

    /** False when this process can read a file of mode 000 (as root can), so the {@code ur} family means nothing. */
    private static boolean canRevokeRead() throws IOException {
        Path probe = Files.createTempFile(root, "probe", ".txt");
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("---------"));
        return !Files.isReadable(probe);
    }

    @AfterAll
    static void writeOutcomes() throws IOException {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(logLevel);
        Files.createDirectories(REPORT.getParent());
        List<String> rows = ROWS.stream().sorted().toList();
        Files.write(REPORT, Stream.concat(Stream.of("id\texpect\toutcome\tdescription\tvalidate\trun\twrite ms\tvalidate ms\trun ms"), rows.stream()).toList(),
                StandardCharsets.UTF_8);
    }
}
