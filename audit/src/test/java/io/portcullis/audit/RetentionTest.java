package io.portcullis.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.internal.CheckpointStore;
import io.portcullis.audit.internal.SegmentFiles;
import io.portcullis.audit.verify.AuditProver;
import io.portcullis.audit.verify.AuditVerifier;
import io.portcullis.audit.verify.VerificationResult;
import io.portcullis.testing.FakeTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Retention deletes old segments and the checkpoints that only covered them; what remains still verifies. */
class RetentionTest extends TempLogTest {

    final FakeTime time = new FakeTime(TestLogs.T0);

    @Test
    void deletesSegmentsOlderThanMaxAgeAndKeepsWhatVerifiesTheRest() throws Exception {
        AuditSettings settings = TestLogs.settings(dir, key).clock(time.clock()).segmentMaxBytes(8192)
                .retention(new Retention(Duration.ofDays(1), 0)).build();
        TestLogs.write(settings, 0, 200);
        int before = SegmentFiles.segments(dir).size();
        time.advance(Duration.ofDays(2));

        TestLogs.write(settings, 200, 100);

        long first = SegmentFiles.nameIndex(SegmentFiles.segments(dir).get(0));
        assertThat(first).isGreaterThanOrEqualTo(200 - 30);
        assertThat(SegmentFiles.segments(dir).size()).isLessThan(before + 4);
        assertThat(CheckpointStore.read(dir).lines()).allSatisfy(l -> assertThat(l.checkpoint().size()).isGreaterThanOrEqualTo(first));
        VerificationResult result = AuditVerifier.verify(dir, keys.getPublic());
        assertThat(result.findings()).isEmpty();
        assertThat(result.firstRecord()).isEqualTo(first);
        assertThat(result.records()).isEqualTo(300 - first);
        assertThat(result.notes()).anySatisfy(n -> assertThat(n).startsWith("records before " + first + " were removed"));
        AuditProver.prove(dir, first, keys.getPublic()).verify(keys.getPublic());
        AuditProver.prove(dir, 299, keys.getPublic()).verify(keys.getPublic());
    }

    @Test
    void keepsTheLogUnderMaxBytes() throws Exception {
        AuditSettings settings = TestLogs.settings(dir, key).clock(time.clock()).segmentMaxBytes(8192)
                .retention(new Retention(Duration.ZERO, 4 * 8192)).build();

        TestLogs.write(settings, 0, 500);

        long total = 0;
        for (Path p : SegmentFiles.segments(dir)) {
            total += Files.size(p);
        }
        assertThat(total).isLessThanOrEqualTo(5 * 8192);
        assertThat(SegmentFiles.nameIndex(SegmentFiles.segments(dir).get(0))).isPositive();
        assertThat(AuditVerifier.verify(dir, keys.getPublic()).findings()).isEmpty();
    }
}
