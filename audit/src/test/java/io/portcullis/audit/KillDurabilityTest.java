package io.portcullis.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.internal.RecordDecoder;
import io.portcullis.audit.verify.AuditRecords;
import io.portcullis.audit.verify.AuditVerifier;
import io.portcullis.audit.verify.Damage;
import io.portcullis.audit.verify.VerificationResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 under load: a separate JVM appends and acknowledges durable records; after {@code destroyForcibly} every
 * acknowledged record is present, verify passes or reports only a torn tail, and reopening recovers.
 */
class KillDurabilityTest {

    @TempDir
    Path tmp;

    @Test
    void everyAcknowledgedRecordSurvivesKill9() throws Exception {
        Path dir = tmp.resolve("log");
        Path key = tmp.resolve("signing.key");
        KeyPair keys = TestLogs.signingKey(key);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                DurabilityChild.class.getName(), dir.toString(), key.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long acked = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            for (String line; acked < 30_000 && System.nanoTime() < deadline && (line = out.readLine()) != null; ) {
                if (line.startsWith("durable ")) {
                    acked = Long.parseLong(line.substring(8));
                }
            }
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(acked).as("records acknowledged before the kill").isPositive();

        long[] present = {0};
        AuditRecords.forEach(dir, (i, payload) -> {
            assertThat(RecordDecoder.decode(payload).requestId()).isEqualTo("req-" + i);
            present[0]++;
        });
        assertThat(present[0]).isGreaterThanOrEqualTo(acked);
        VerificationResult afterCrash = AuditVerifier.verify(dir, keys.getPublic());
        assertThat(afterCrash.findings()).allSatisfy(f -> assertThat(f.damage()).isEqualTo(Damage.TORN_TAIL));

        List<AuditAlert> alerts = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (AuditLog reopened = AuditLog.open(TestLogs.settings(dir, key).listener(alerts::add).build())) {
            assertThat(reopened.durableSize()).isEqualTo(present[0]);
        }
        assertThat(alerts).hasSize(afterCrash.intact() ? 0 : 1);
        VerificationResult recovered = AuditVerifier.verify(dir, keys.getPublic());
        assertThat(recovered.findings()).isEmpty();
        assertThat(recovered.records()).isEqualTo(present[0]);
    }
}
