package io.portcullis.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.AuditSettings;
import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.cli.CliRun;
import io.portcullis.cli.ExitCodes;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node killed with SIGKILL under traffic: after its restart it goes on publishing audit checkpoints the control
 * plane accepts (consistent with those before the kill), and {@code portcullis audit verify --control} finds every
 * published checkpoint a prefix of its log on disk, while a history rewritten and signed with the node's own key is
 * named as not what the node published.
 */
class NodeKillTest {

    @TempDir
    Path dir;

    @Test
    void aNodeKilledWithSigkillHasALogThatVerifiesAgainstItsPublishedCheckpoints() throws Exception {
        try (ControlPlaneFixture control = new ControlPlaneFixture(dir, "node-k").start()) {
            int port = freePort();
            control.promote(control.propose(Plans.withApi("kill test", port), "one API"));
            Path home = dir.resolve("node-k");
            Files.createDirectories(home);
            KeyPair keys = AuditKeys.generate();
            AuditKeys.writeSigningKey(home.resolve("audit.key"), keys);
            AuditKeys.writePublicKey(dir.resolve("node-k.pub"), keys.getPublic());
            NodeProcess node = new NodeProcess("node-k", home, freePort(), control.url(), control.pki.caFile(),
                    control.node("node-k").certFile(), control.node("node-k").keyFile(),
                    "audit: {dir: audit, signingKey: audit.key, fsyncInterval: 10ms, checkpointInterval: 200ms}\n");
            try (node) {
                node.start();
                AtomicBoolean loading = new AtomicBoolean(true);
                Thread traffic = new Thread(() -> {
                    while (loading.get()) {
                        request(port);
                    }
                });
                traffic.start();
                try {
                    long beforeKill = awaitAccepted(control, node, 100);
                    node.kill();
                    node.start();
                    long afterRestart = awaitAccepted(control, node, beforeKill + 100);
                    assertThat(afterRestart).isGreaterThan(beforeKill);
                } finally {
                    loading.set(false);
                    traffic.join();
                }
                String printed = node.output();
                node.stop(); // the log on disk and the published checkpoints hold still from here
                JsonNode published = control.get("/v1/nodes/node-k/checkpoints");
                CliRun verify = CliRun.of("audit", "verify", home.resolve("audit").toString(),
                        "--key", dir.resolve("node-k.pub").toString(), "--control", control.url().toString(),
                        "--node-id", "node-k", "--control-ca", control.pki.caFile().toString(),
                        "--control-cert", control.operatorCert.certFile().toString(),
                        "--control-key", control.operatorCert.keyFile().toString());
                assertThat(verify.code()).as(verify.out() + verify.err()).isEqualTo(ExitCodes.OK);
                assertThat(verify.out()).contains("published: " + published.size() + " of " + published.size()
                        + " checkpoints are prefixes of the log on disk");
                assertThat(printed).doesNotContain("refused the checkpoint");

                // The same history rewritten and signed with the node's own key verifies by itself, and not
                // against what the node published.
                Path rewritten = dir.resolve("rewritten");
                writeLog(rewritten, home.resolve("audit.key"), (int) published.get(published.size() - 1)
                        .path("treeSize").asLong());
                Path file = dir.resolve("published.json");
                Files.writeString(file, published.toString());
                CliRun forged = CliRun.of("audit", "verify", rewritten.toString(), "--key",
                        dir.resolve("node-k.pub").toString(), "--published", file.toString());
                assertThat(forged.out()).contains("intact: ");
                assertThat(forged.code()).isEqualTo(ExitCodes.DENIED);
                assertThat(forged.err()).startsWith("NOT PUBLISHED AS IS: published checkpoint 1 of "
                        + published.size() + " (size " + published.get(0).path("treeSize").asLong() + ", time ")
                        .contains("have another root than the published one (the log was rewritten)");
            }
        }
    }

    /** A log of {@code n} records of its own, signed with {@code key}. */
    private static void writeLog(Path dir, Path key, int n) throws IOException {
        Decision allow = Decision.allow(new Reason(Layer.POLICY, "statement-allows"), "policy[0] Statement[0]", "ok");
        try (AuditLog audit = AuditLog.open(AuditSettings.builder(dir, key).fsyncInterval(Duration.ofMillis(2)).build())) {
            for (int i = 0; i < n; i++) {
                while (!audit.append(AuditRecord.builder(Instant.EPOCH.plusSeconds(i), AuditRecord.Kind.REQUEST, allow)
                        .requestId("r" + i).method("GET").path("/orders/" + i).status(200).build())) {
                    Thread.onSpinWait();
                }
            }
        }
    }

    /** Waits until the control plane accepted a checkpoint of more than {@code records}; returns its size. */
    private static long awaitAccepted(ControlPlaneFixture control, NodeProcess node, long records) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            JsonNode all = control.get("/v1/nodes/node-k/checkpoints");
            long newest = all.isEmpty() ? 0 : all.get(all.size() - 1).path("treeSize").asLong();
            if (newest > records) {
                return newest;
            }
            assertThat(System.nanoTime()).as("a checkpoint of more than " + records + " records accepted; the node "
                            + "printed:\n" + node.output())
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** One request from client-1 (127.0.1.11), which the plan admits; the upstream is closed, so it is a 502. */
    private static void request(int port) {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress("127.0.1.11", 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write("GET /orders/1 HTTP/1.1\r\nHost: orders\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            s.getInputStream().readAllBytes();
        } catch (IOException e) {
            // the node is being killed or restarted
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
