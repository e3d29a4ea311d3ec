package io.portcullis.audit.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditSettings;
import io.portcullis.audit.Retention;
import io.portcullis.audit.TestLogs;
import io.portcullis.audit.checkpoint.Checkpoint;
import io.portcullis.audit.checkpoint.CheckpointCodec;
import io.portcullis.audit.checkpoint.CheckpointSigner;
import io.portcullis.audit.merkle.CompactRange;
import io.portcullis.audit.merkle.MerkleHasher;
import io.portcullis.testing.FakeTime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports of real logs written by {@link AuditLog}: what a SIEM receives verifies on its own (each record's leaf
 * hash, the signed checkpoints, and the Merkle root of everything received equal to the signed root), follows
 * the log across segments as it grows, only ever carries checkpointed records, and resumes where a file ends.
 * The log's clock is a fake one: a checkpoint falls due when the test moves it.
 */
class AuditExportTest {

    private static final Duration CHECKPOINTS = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private final FakeTime time = new FakeTime(Instant.parse("2026-11-23T10:00:00Z"));
    private Path dir;
    private KeyPair keys;

    @BeforeEach
    void keys() throws IOException {
        dir = tmp.resolve("log");
        keys = TestLogs.signingKey(tmp.resolve("signing.key"));
    }

    private AuditSettings.Builder settings() {
        return AuditSettings.builder(dir, tmp.resolve("signing.key")).clock(time.clock()).checkpointInterval(CHECKPOINTS)
                .fsyncInterval(Duration.ofMillis(2)).segmentMaxBytes(16 * 1024);
    }

    @Test
    void whatTheSiemReceivesVerifiesWithoutTheLog() throws IOException {
        try (AuditLog log = AuditLog.open(settings().build())) {
            ReadLogs.append(log, time, 0, 500);
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditExport.Result result = AuditExport.of(dir, 0).run(out, false, Duration.ZERO, () -> true);

        List<JsonNode> lines = ReadLogs.lines(out.toString(StandardCharsets.UTF_8));
        assertThat(result).isEqualTo(new AuditExport.Result(500, 500, 1, null));
        assertThat(lines).hasSize(501);
        assertThat(lines.subList(0, 500)).extracting(n -> n.path("index").asLong())
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 500).boxed().toList());
        assertThat(lines.get(0).path("record").path("requestId").asText()).isEqualTo("req-0");
        assertSignedRootCoversEverythingReceived(lines);
    }

    @Test
    void followsTheLogAsItGrowsAndExportsOnlyCheckpointedRecords() throws Exception {
        Path file = tmp.resolve("export.jsonl");
        AtomicBoolean stop = new AtomicBoolean();
        try (AuditLog log = AuditLog.open(settings().build());
             OutputStream out = Files.newOutputStream(file)) {
            CompletableFuture<AuditExport.Result> export = CompletableFuture.supplyAsync(() -> {
                try {
                    return AuditExport.of(dir, 0).run(out, true, Duration.ofMillis(5), stop::get);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            ReadLogs.append(log, time, 0, 300); // several segments: each start is checkpointed
            awaitDurable(log, 300);
            long covered = CheckpointTailTest.newest(dir);
            assertThat(covered).as("segment starts are checkpointed; the last segment's records wait").isLessThan(300);
            await(() -> recordLines(file) == covered);
            time.advance(CHECKPOINTS); // the next checkpoint falls due, and covers every record
            await(() -> recordLines(file) == 300);

            ReadLogs.append(log, time, 300, 400);
            awaitDurable(log, 400);
            time.advance(CHECKPOINTS);
            await(() -> recordLines(file) == 400);
            stop.set(true);
            assertThat(export.get(5, TimeUnit.SECONDS).next()).isEqualTo(400);
        }
        List<JsonNode> lines = ReadLogs.lines(Files.readString(file));
        assertThat(lines.stream().filter(n -> n.path("type").asText().equals("record")))
                .extracting(n -> n.path("index").asLong())
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 400).boxed().toList());
        assertSignedRootCoversEverythingReceived(lines);
    }

    @Test
    void anExportIntoAFileResumesAfterItsLastWholeLine() throws IOException {
        try (AuditLog log = AuditLog.open(settings().build())) {
            ReadLogs.append(log, time, 0, 200);
        }
        Path file = tmp.resolve("export.jsonl");
        try (OutputStream out = Files.newOutputStream(file)) {
            AuditExport.of(dir, 0).run(out, false, Duration.ZERO, () -> true);
        }
        String whole = Files.readString(file);
        assertThat(AuditExport.resumeIndex(file)).as("after the final checkpoint line").isEqualTo(200);
        int cut = whole.indexOf("{\"type\":\"record\",\"index\":120,") + 40;
        Files.writeString(file, whole.substring(0, cut)); // the exporter stopped in the middle of record 120

        long from = AuditExport.resumeIndex(file);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
            AuditExport.of(dir, from).run(out, false, Duration.ZERO, () -> true);
        }

        assertThat(from).isEqualTo(120);
        List<JsonNode> lines = ReadLogs.lines(Files.readString(file));
        assertThat(lines.stream().filter(n -> n.path("type").asText().equals("record")))
                .extracting(n -> n.path("index").asLong())
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 200).boxed().toList());
        assertThat(AuditExport.resumeIndex(tmp.resolve("none.jsonl"))).isZero();
    }

    @Test
    void recordsThatRetentionDeletedAreReportedNotSkipped() throws IOException {
        try (AuditLog log = AuditLog.open(settings().retention(new Retention(Duration.ZERO, 40 * 1024)).build())) {
            ReadLogs.append(log, time, 0, 600);
        }

        AuditExport.Result result = AuditExport.of(dir, 0).run(new ByteArrayOutputStream(), false, Duration.ZERO,
                () -> true);

        assertThat(result.records()).isZero();
        assertThat(result.problem()).matches("records before \\d+ are no longer in the log \\(retention deleted "
                + "them\\); record 0 cannot be read");
    }

    @Test
    void aDestinationThatFailsEndsTheExportWithWhereToResume() throws IOException {
        try (AuditLog log = AuditLog.open(settings().build())) {
            ReadLogs.append(log, time, 0, 100);
        }
        OutputStream broken = new OutputStream() {
            private int left = 10_000;

            @Override
            public void write(int b) throws IOException {
                if (--left < 0) {
                    throw new IOException("Broken pipe");
                }
            }
        };

        AuditExport.Result result = AuditExport.of(dir, 40).run(broken, true, Duration.ofMillis(1), () -> false);

        assertThat(result.problem()).isEqualTo("the destination failed: Broken pipe");
        assertThat(result.next()).as("nothing was flushed: resume where it started").isEqualTo(40);
    }

    /** The signed checkpoints verify, and the last one's root is the Merkle root of every leaf hash received. */
    private void assertSignedRootCoversEverythingReceived(List<JsonNode> lines) {
        MerkleHasher hasher = new MerkleHasher();
        CompactRange tree = new CompactRange(hasher);
        Checkpoint last = null;
        for (JsonNode n : lines) {
            if (n.path("type").asText().equals("record")) {
                tree.append(Base64.getDecoder().decode(n.path("leafHash").asText()));
            } else {
                last = CheckpointCodec.fromJson(n.path("checkpoint"), "export");
                assertThat(CheckpointSigner.verifies(last, keys.getPublic())).isTrue();
                assertThat(last.size()).as("a checkpoint line follows the last record it covers").isEqualTo(tree.size());
            }
        }
        assertThat(last).as("a checkpoint after the last record").isNotNull();
        assertThat(last.root()).isEqualTo(tree.root());
    }

    private static long recordLines(Path file) throws IOException {
        return Files.readString(file).lines().filter(l -> l.startsWith("{\"type\":\"record\"")).count();
    }

    private static void awaitDurable(AuditLog log, long records) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (log.durableSize() < records) {
            assertThat(System.nanoTime()).as("records made durable within 10 s").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    private interface Condition {
        boolean holds() throws IOException;
    }

    private static void await(Condition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.holds()) {
            assertThat(System.nanoTime()).as("exported within 10 s").isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}
