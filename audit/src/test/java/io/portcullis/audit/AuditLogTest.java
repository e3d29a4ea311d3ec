package io.portcullis.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.audit.internal.RecordDecoder;
import io.portcullis.audit.internal.RecordEncoder;
import io.portcullis.audit.internal.SegmentFiles;
import io.portcullis.audit.merkle.InvalidProofException;
import io.portcullis.audit.verify.AuditProver;
import io.portcullis.audit.verify.AuditRecords;
import io.portcullis.audit.verify.AuditVerifier;
import io.portcullis.audit.verify.ProofDocument;
import io.portcullis.audit.verify.VerificationResult;
import io.portcullis.testing.FakeTime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditLogTest extends TempLogTest {

    @Test
    void recordsComeBackInOrderWithTheQueryRedacted() throws IOException {
        TestLogs.write(TestLogs.settings(dir, key).build(), 0, 1000);

        List<AuditRecord> read = new ArrayList<>();
        long end = AuditRecords.forEach(dir, (i, payload) -> read.add(RecordDecoder.decode(payload)));

        assertThat(end).isEqualTo(1000);
        assertThat(read).extracting(AuditRecord::requestId).first().isEqualTo("req-0");
        assertThat(read.get(999).requestId()).isEqualTo("req-999");
        assertThat(read.get(5).path()).isEqualTo("/orders/5?<redacted>");
        assertThat(read.get(3).decision().verdict().allowed()).isFalse();
        for (Path segment : SegmentFiles.segments(dir)) {
            assertThat(new String(Files.readAllBytes(segment), StandardCharsets.ISO_8859_1)).doesNotContain("secret-");
        }
        assertThat(AuditVerifier.verify(dir, keys.getPublic()).intact()).isTrue();
    }

    @Test
    void canonicalEncodingIsStableAndLossless() throws IOException {
        AuditRecord r = TestLogs.record(12);
        RecordEncoder encoder = new RecordEncoder(false);

        byte[] once = encoder.toBytes(r);

        assertThat(encoder.toBytes(r)).isEqualTo(once);
        assertThat(RecordDecoder.decode(once)).isEqualTo(r);
        assertThat(new String(once, StandardCharsets.UTF_8)).startsWith("{\"time\":\"2026-11-23T10:00:00.012Z\","
                + "\"kind\":\"request\",\"requestId\":\"req-12\"");
    }

    @Test
    void escapesControlCharactersAndKeepsUnicode() throws IOException {
        AuditRecord r = AuditRecord.builder(TestLogs.T0, AuditRecord.Kind.CONNECTION, TestLogs.record(0).decision())
                .principal("a\"b\\c\nd\u0001é€😀").build();

        byte[] bytes = new RecordEncoder(true).toBytes(r);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"principal\":\"a\\\"b\\\\c\\u000ad\\u0001é€😀\"");
        assertThat(RecordDecoder.decode(bytes).principal()).isEqualTo(r.principal());
    }

    @Test
    void inclusionProofVerifiesOfflineAndRejectsAnAlteredRecord() throws Exception {
        TestLogs.write(TestLogs.settings(dir, key).build(), 0, 777);

        ProofDocument proof = ProofDocument.parse(AuditProver.prove(dir, 500, keys.getPublic()).toJson());
        proof.verify(keys.getPublic());

        assertThat(proof.proof().treeSize()).isEqualTo(777);
        String json = proof.toJson();
        String forged = json.replace(json.substring(json.indexOf("\"payload\" : \"") + 13).substring(0, 8), "AAAAAAAA");
        assertThatThrownBy(() -> ProofDocument.parse(forged)).hasMessageContaining("leafHash: does not match payload");
        ProofDocument otherRecord = new ProofDocument(AuditProver.prove(dir, 501, keys.getPublic()).payload(),
                proof.proof(), proof.checkpoint());
        assertThatThrownBy(() -> otherRecord.verify(keys.getPublic())).isInstanceOf(InvalidProofException.class);
        assertThatThrownBy(() -> proof.verify(io.portcullis.audit.checkpoint.AuditKeys.generate().getPublic()))
                .hasMessage("checkpoint: signature does not verify with the given key");
    }

    @Test
    void rollsSegmentsWithACheckpointAtEachStart() throws IOException {
        TestLogs.write(TestLogs.settings(dir, key).segmentMaxBytes(8192).build(), 0, 500);

        VerificationResult result = AuditVerifier.verify(dir, keys.getPublic());

        assertThat(SegmentFiles.segments(dir)).hasSizeGreaterThan(10);
        assertThat(result.findings()).isEmpty();
        assertThat(result.records()).isEqualTo(500);
        assertThat(result.checkpoints()).isEqualTo(SegmentFiles.segments(dir).size());
    }

    @Test
    void durableSizeCountsFsyncedRecordsBeforeClose() throws Exception {
        try (AuditLog log = AuditLog.open(TestLogs.settings(dir, key).build())) {
            for (int i = 0; i < 100; i++) {
                assertThat(log.append(TestLogs.record(i))).isTrue();
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (log.durableSize() < 100 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(log.durableSize()).isEqualTo(100);
            assertThat(log.admitting()).isTrue();
        }
    }

    @Test
    void signsACheckpointOnceTheIntervalPassesEvenWhenTrafficStops() throws Exception {
        FakeTime time = new FakeTime(TestLogs.T0);
        try (AuditLog log = AuditLog.open(TestLogs.settings(dir, key).clock(time.clock())
                .checkpointInterval(java.time.Duration.ofSeconds(10)).build())) {
            for (int i = 0; i < 5; i++) {
                assertThat(log.append(TestLogs.record(i))).isTrue();
            }
            // A checkpoint covers what is durable when it is due: the clock moves only once all five are, or the
            // checkpoint could cover fewer of them.
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (log.durableSize() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(log.durableSize()).isEqualTo(5);
            assertThat(io.portcullis.audit.internal.CheckpointStore.read(dir).lines()).isEmpty();

            time.advance(java.time.Duration.ofSeconds(10));

            deadline = System.nanoTime() + 5_000_000_000L;
            while (io.portcullis.audit.internal.CheckpointStore.read(dir).lines().isEmpty()
                    && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(io.portcullis.audit.internal.CheckpointStore.read(dir).lines())
                    .singleElement().satisfies(l -> assertThat(l.checkpoint().size()).isEqualTo(5));
        }
    }

    @Test
    void refusesToContinueALogSignedWithAnotherKey() throws IOException {
        TestLogs.write(TestLogs.settings(dir, key).build(), 0, 3);
        Path other = tmp.resolve("other.key");
        TestLogs.signingKey(other);

        assertThatThrownBy(() -> AuditLog.open(TestLogs.settings(dir, other).build()))
                .isInstanceOf(IOException.class).hasMessageContaining("checkpoints are signed with key");
    }

    @Test
    void settingsRejectNonsenseWithPreciseMessages() {
        assertThatThrownBy(() -> AuditSettings.builder(dir, key).fsyncInterval(java.time.Duration.ZERO))
                .hasMessage("fsyncInterval: PT0S (expected: > 0)");
        assertThatThrownBy(() -> AuditSettings.builder(dir, key).queueCapacity(1))
                .hasMessage("queueCapacity: 1 (expected: >= 2)");
        assertThatThrownBy(() -> new Retention(java.time.Duration.ofDays(-1), 0))
                .hasMessage("maxAge: PT-24H (expected: >= 0, 0 for no limit)");
    }
}
