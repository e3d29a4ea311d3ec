package io.portcullis.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.audit.internal.Frames;
import io.portcullis.audit.internal.SegmentFiles;
import io.portcullis.audit.verify.AuditRecords;
import io.portcullis.audit.verify.AuditVerifier;
import io.portcullis.audit.verify.Damage;
import io.portcullis.audit.verify.VerificationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Opening a log after a crash: a torn tail is reported, kept as evidence, and the log continues. */
class RecoveryTest extends TempLogTest {

    @Test
    void tornTailIsMovedAsideReportedAndTheLogContinues() throws Exception {
        TestLogs.write(TestLogs.settings(dir, key).build(), 0, 50);
        Path segment = SegmentFiles.segments(dir).get(0);
        byte[] frame = Frames.encode(50, "{\"unfinished\":1}".getBytes(StandardCharsets.UTF_8));
        byte[] torn = Arrays.copyOf(frame, frame.length - 3);
        Files.write(segment, torn, StandardOpenOption.APPEND);
        assertThat(AuditVerifier.verify(dir, keys.getPublic()).first()).hasValueSatisfying(
                f -> assertThat(f.damage()).isEqualTo(Damage.TORN_TAIL));

        try (AuditLog log = AuditLog.open(TestLogs.settings(dir, key).listener(alerts::add).build())) {
            for (int i = 50; i < 60; i++) {
                assertThat(log.append(TestLogs.record(i))).isTrue();
            }
        }

        assertThat(alerts).extracting(AuditAlert::type).containsExactly(AuditAlert.Type.TORN_TAIL);
        assertThat(alerts.get(0).detail()).contains(torn.length + " bytes moved to " + segment.getFileName() + ".torn-");
        List<Path> kept = SegmentFiles.tornTails(dir);
        assertThat(kept).singleElement().satisfies(p -> assertThat(Files.readAllBytes(p)).isEqualTo(torn));
        VerificationResult result = AuditVerifier.verify(dir, keys.getPublic());
        assertThat(result.findings()).isEmpty();
        assertThat(result.records()).isEqualTo(60);
        assertThat(result.notes()).anySatisfy(n -> assertThat(n).contains("torn tail of " + torn.length + " bytes"));
        assertThat(AuditRecords.forEach(dir, (i, p) -> {})).isEqualTo(60);
    }

    @Test
    void segmentWhoseHeaderWasNeverFinishedIsMovedAside() throws Exception {
        TestLogs.write(TestLogs.settings(dir, key).build(), 0, 20);
        Path unfinished = SegmentFiles.segment(dir, 20);
        Files.write(unfinished, "PCAUDIT1\0\0".getBytes(StandardCharsets.US_ASCII));

        TestLogs.write(TestLogs.settings(dir, key).listener(alerts::add).build(), 20, 5);

        assertThat(alerts).extracting(AuditAlert::type).containsExactly(AuditAlert.Type.TORN_TAIL);
        assertThat(SegmentFiles.tornTails(dir)).extracting(p -> p.getFileName().toString())
                .containsExactly("segment-00000000000000000020.log.torn-0");
        VerificationResult result = AuditVerifier.verify(dir, keys.getPublic());
        assertThat(result.findings()).isEmpty();
        assertThat(result.records()).isEqualTo(25);
    }

    @Test
    void refusesToOpenWhenCheckpointedRecordsAreGone() throws IOException {
        TestLogs.write(TestLogs.settings(dir, key).build(), 0, 50);
        Path segment = SegmentFiles.segments(dir).get(0);
        byte[] all = Files.readAllBytes(segment);
        Files.write(segment, Arrays.copyOf(all, all.length - 10));

        assertThatThrownBy(() -> AuditLog.open(TestLogs.settings(dir, key).build()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("record 49 is missing or damaged but a checkpoint covers 50 records");
    }
}
