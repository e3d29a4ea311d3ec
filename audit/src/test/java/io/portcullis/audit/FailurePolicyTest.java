package io.portcullis.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.internal.SegmentFiles;
import io.portcullis.audit.verify.AuditVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** When the log cannot take a record: fail closed by default (and say so), or fail open and count. */
class FailurePolicyTest extends TempLogTest {

    @Test
    void failClosedStopsAdmittingWhenTheQueueOverflowsAndResumesAfterItDrains() throws Exception {
        long accepted = 0;
        boolean refused = false;
        try (AuditLog log = AuditLog.open(TestLogs.settings(dir, key).queueCapacity(4).listener(alerts::add).build())) {
            for (int i = 0; i < 200_000 && !refused; i++) {
                if (log.append(TestLogs.record(accepted))) {
                    accepted++;
                } else {
                    refused = true; // the writer may already be draining, so admitting() may be back to true
                }
            }
            assertThat(refused).isTrue();
            await(log::admitting);
            assertThat(log.append(TestLogs.record(accepted++))).isTrue();
        }
        assertThat(alerts).extracting(AuditAlert::type)
                .containsExactly(AuditAlert.Type.QUEUE_FULL, AuditAlert.Type.RECOVERED);
        assertThat(AuditVerifier.verify(dir, keys.getPublic()).records()).isEqualTo(accepted);
    }

    @Test
    void failOpenKeepsAdmittingAndCountsWhatItDrops() throws Exception {
        long dropped;
        try (AuditLog log = AuditLog.open(TestLogs.settings(dir, key).queueCapacity(4)
                .failurePolicy(FailurePolicy.FAIL_OPEN).listener(alerts::add).build())) {
            for (int i = 0; i < 50_000; i++) {
                assertThat(log.append(TestLogs.record(i))).isTrue();
            }
            assertThat(log.admitting()).isTrue();
            dropped = log.dropped();
        }
        assertThat(dropped).isPositive();
        assertThat(alerts).extracting(AuditAlert::type).contains(AuditAlert.Type.QUEUE_FULL);
        assertThat(AuditVerifier.verify(dir, keys.getPublic()).records()).isEqualTo(50_000 - dropped);
    }

    @Test
    void diskFailureStopsAdmittingAndAlerts() throws Exception {
        try (AuditLog log = AuditLog.open(TestLogs.settings(dir, key).segmentMaxBytes(4096).listener(alerts::add).build())) {
            // Occupy every name the next segment could take, so rolling over fails like a broken disk.
            for (int i = 1; i < 100; i++) {
                Files.createDirectory(SegmentFiles.segment(dir, i));
            }
            for (int i = 0; i < 100 && log.append(TestLogs.record(i)); i++) {
                Thread.sleep(1);
            }
            await(() -> !log.admitting());
            assertThat(log.append(TestLogs.record(100))).isFalse();
        }
        assertThat(alerts).extracting(AuditAlert::type).containsExactly(AuditAlert.Type.WRITE_FAILED);
        assertThat(alerts.get(0).detail()).contains("FileAlreadyExistsException").contains("FAIL_CLOSED");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}
