package io.portcullis.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.AuditAlert;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditSettings;
import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.audit.verify.AuditRecords;
import io.portcullis.audit.verify.AuditVerifier;
import io.portcullis.audit.verify.VerificationResult;
import io.portcullis.runtime.demo.DemoConfig;
import io.portcullis.runtime.demo.DemoUpstream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a real gateway process under load: every audit record it acknowledged as durable is still there, the
 * log verifies, and a torn tail (a record cut mid-write) is detected and reported when the log is reopened.
 */
class AuditCrashTest {

    @TempDir
    Path dir;

    @Test
    void recordsAcknowledgedAsDurableSurviveKillMinusNine() throws Exception {
        KeyPair keys = AuditKeys.generate();
        AuditKeys.writeSigningKey(dir.resolve("audit.key"), keys);
        try (DemoUpstream upstream = DemoUpstream.start()) { // first: its own port is never one handed out below
            int port = LoopbackClient.freePort();
            Path config = DemoConfig.write(dir, port, LoopbackClient.freePort(), LoopbackClient.freePort(), upstream.uri()).file();
            Files.writeString(config, Files.readString(config).replace("capacity: 5, refillTokens: 5", "capacity: 1000000, refillTokens: 1000000")
                    + "audit: {dir: audit, signingKey: audit.key, fsyncInterval: 10ms, checkpointInterval: 200ms}\n");
            Process gateway = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), NodeProcess.class.getName(), config.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            AtomicLong durable = new AtomicLong();
            CountDownLatch ready = new CountDownLatch(1);
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (line.equals("ready")) {
                            ready.countDown();
                        } else if (line.startsWith("durable ")) {
                            durable.set(Long.parseLong(line.substring(8)));
                        }
                    }
                } catch (java.io.IOException e) {
                    // the process died: that is the point
                }
            });
            reader.start();
            try {
                assertThat(ready.await(60, TimeUnit.SECONDS)).as("the gateway process started").isTrue();
                AtomicBoolean loading = new AtomicBoolean(true);
                List<Thread> clients = new ArrayList<>();
                for (String from : List.of("127.0.1.11", "127.0.1.12", "127.0.2.21", "127.0.1.14")) {
                    Thread t = new Thread(() -> {
                        while (loading.get()) {
                            LoopbackClient.once(from, port, "/orders/1"); // 127.0.1.14 is refused: connection records
                        }
                    });
                    t.start();
                    clients.add(t);
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (durable.get() < 2000) {
                    assertThat(System.nanoTime() - deadline).as("2,000 records made durable within 2 minutes "
                            + "(acknowledged so far: %d)", durable.get()).isNegative();
                    Thread.sleep(20);
                }
                long acknowledged = durable.get();
                gateway.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
                assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
                loading.set(false);
                for (Thread t : clients) {
                    t.join();
                }
                reader.join();

                long[] found = {0};
                AuditRecords.forEach(dir.resolve("audit"), (i, payload) -> found[0]++);
                assertThat(found[0]).as("records after kill -9 vs acknowledged durable before it").isGreaterThanOrEqualTo(acknowledged);

                List<AuditAlert> alerts = new ArrayList<>();
                AuditLog.open(AuditSettings.builder(dir.resolve("audit"), dir.resolve("audit.key")).listener(alerts::add).build()).close();
                VerificationResult verified = AuditVerifier.verify(dir.resolve("audit"), keys.getPublic());
                assertThat(verified.intact()).as(verified.toString()).isTrue();
                assertThat(verified.records()).isGreaterThanOrEqualTo(acknowledged);
                // a torn tail, if the kill landed mid-write, is reported, never silently dropped
                alerts.stream().filter(a -> a.type() == AuditAlert.Type.TORN_TAIL)
                        .forEach(a -> assertThat(a.detail()).isNotEmpty());
            } finally {
                gateway.destroyForcibly();
            }
        }
    }
}
