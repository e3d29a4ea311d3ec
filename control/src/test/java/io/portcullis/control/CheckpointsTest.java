package io.portcullis.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.AuditSettings;
import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.audit.checkpoint.Checkpoint;
import io.portcullis.audit.checkpoint.CheckpointCodec;
import io.portcullis.audit.verify.AuditProver;
import io.portcullis.control.store.Database;
import io.portcullis.control.store.NodeCheckpoints;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit checkpoints published by nodes, from real logs written by the audit module: an accepted chain (each proven
 * consistent with the one before), and refusals, each recorded: a proof from the wrong tree, a log rewritten with the
 * node's own key, a smaller tree, another key, a forged signature, a node without a pinned key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckpointsTest {

    private static final Decision ALLOW = Decision.allow(new Reason(Layer.POLICY, "statement-allows"), "policy[0]", "allowed");

    private Path dir;
    private ControlFixture control;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        control = ControlFixture.onNewDatabase(dir, "control_checkpoints");
    }

    @AfterAll
    void stop() throws Exception {
        if (control != null) {
            control.close();
        }
    }

    @Test
    void acceptsAConsistentChainAndRefusesEveryRewrite() throws Exception {
        KeyPair node = key("node-1");
        Path log = dir.resolve("log-1");
        Map<Long, Checkpoint> at = new LinkedHashMap<>();
        write(log, node, 0, 5, at);
        write(log, node, 5, 7, at);
        write(log, node, 12, 4, at);
        TestClient n1 = control.as("node-1");
        String pub = AuditKeys.publicKeyPem(node.getPublic());

        HttpResponse<String> first = post(n1, "node-1", at.get(5L), List.of(), pub);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(post(n1, "node-1", at.get(5L), List.of(), pub).statusCode()).isEqualTo(200); // the same again
        assertThat(post(n1, "node-1", at.get(12L), proof(log, 5, 12), null).statusCode()).isEqualTo(201);

        HttpResponse<String> wrongProof = post(n1, "node-1", at.get(16L), proof(log, 5, 16), null);
        assertThat(wrongProof.statusCode()).isEqualTo(409);
        assertThat(error(wrongProof)).startsWith("checkpoint refused: not consistent with the latest accepted checkpoint (size 12");

        // the node rewrites its log from record 10 on, with its own key, and proves the new log from size 12
        Path rewritten = dir.resolve("log-1-rewritten");
        Map<Long, Checkpoint> forged = new LinkedHashMap<>();
        write(rewritten, node, 0, 10, forged);
        write(rewritten, node, 1_000, 10, forged);
        HttpResponse<String> rewrite = post(n1, "node-1", forged.get(20L), proof(rewritten, 12, 20), null);
        assertThat(rewrite.statusCode()).isEqualTo(409);
        assertThat(error(rewrite)).contains("not consistent with the latest accepted checkpoint (size 12, root "
                + at.get(12L).rootBase64() + ")");

        assertThat(post(n1, "node-1", at.get(16L), proof(log, 12, 16), null).statusCode()).isEqualTo(201);
        HttpResponse<String> smaller = post(n1, "node-1", at.get(12L), List.of(), null);
        assertThat(error(smaller)).isEqualTo("checkpoint refused: tree size 12 is smaller than the latest accepted 16 "
                + "(expected: a log only grows)");

        KeyPair other = key("other");
        Path foreign = dir.resolve("log-other");
        Map<Long, Checkpoint> foreignAt = new LinkedHashMap<>();
        write(foreign, other, 0, 20, foreignAt);
        HttpResponse<String> wrongKey = post(n1, "node-1", foreignAt.get(20L), proof(log, 16, 16), null);
        assertThat(error(wrongKey)).isEqualTo("checkpoint refused: signed with key " + AuditKeys.keyId(other.getPublic())
                + ", not node node-1's pinned key " + AuditKeys.keyId(node.getPublic()));
        Checkpoint c16 = at.get(16L);
        Checkpoint altered = new Checkpoint(c16.size() + 4, c16.root(), c16.time(), c16.keyId(), c16.signature());
        assertThat(error(post(n1, "node-1", altered, List.of(), null))).isEqualTo("checkpoint refused: the signature does "
                + "not verify with node node-1's pinned key " + AuditKeys.keyId(node.getPublic()) + ": a forged checkpoint");
        assertThat(error(post(n1, "node-1", at.get(16L), List.of(), AuditKeys.publicKeyPem(other.getPublic()))))
                .startsWith("checkpoint refused: publicKey: key " + AuditKeys.keyId(other.getPublic()) + " is not node node-1's");

        JsonNode accepted = TestClient.json(control.as("viewer").get("/v1/nodes/node-1/checkpoints"));
        assertThat(accepted.findValuesAsText("treeSize")).containsExactly("5", "12", "16");
        assertThat(accepted.get(2).get("checkpoint").asText()).isEqualTo(CheckpointCodec.toLine(at.get(16L)));
        assertThat(accepted.get(2).get("rootHash").asText()).isEqualTo(at.get(16L).rootBase64());
        try (Database store = Database.open(control.databaseUrl())) {
            assertThat(new NodeCheckpoints(store).refusals("node-1")).hasSize(6);
        }
    }

    @Test
    void pinsAKeyAnOperatorRegistersAndRefusesANodeWithoutOne() throws Exception {
        KeyPair node = key("node-2");
        Path log = dir.resolve("log-2");
        Map<Long, Checkpoint> at = new LinkedHashMap<>();
        write(log, node, 0, 3, at);
        TestClient n2 = control.as("node-2");
        assertThat(error(post(n2, "node-2", at.get(3L), List.of(), null))).isEqualTo("checkpoint refused: node node-2 has "
                + "no pinned audit key (expected: publicKey with its first checkpoint, or an operator's PUT /v1/nodes/node-2/key)");
        String pub = AuditKeys.publicKeyPem(node.getPublic());
        assertThat(control.as("node-2").put("/v1/nodes/node-2/key", Map.of("publicKey", pub)).statusCode()).isEqualTo(403);
        HttpResponse<String> pinned = control.as("operator").put("/v1/nodes/node-2/key", Map.of("publicKey", pub));
        assertThat(pinned.statusCode()).isEqualTo(200);
        assertThat(TestClient.json(pinned).get("keyId").asText()).isEqualTo(AuditKeys.keyId(node.getPublic()));
        HttpResponse<String> replace = control.as("operator").put("/v1/nodes/node-2/key",
                Map.of("publicKey", AuditKeys.publicKeyPem(AuditKeys.generate().getPublic())));
        assertThat(replace.statusCode()).isEqualTo(409);
        String privateKey = Files.readString(dir.resolve("node-2.key"));
        HttpResponse<String> secret = control.as("operator").put("/v1/nodes/node-3/key", Map.of("publicKey", privateKey));
        assertThat(secret.statusCode()).isEqualTo(400);
        assertThat(error(secret)).isEqualTo("publicKey: holds a private key (expected: only the PUBLIC KEY block, as "
                + "'portcullis audit keygen' writes PREFIX.pub)");
        assertThat(post(n2, "node-2", at.get(3L), List.of(), null).statusCode()).isEqualTo(201);
        assertThat(error(control.as("node-2").post("/v1/nodes/node-2/checkpoints", Map.of("checkpoint", "{}"))))
                .startsWith("checkpoint: size: null (expected: an integer >= 0)");
    }

    private KeyPair key(String name) throws Exception {
        KeyPair pair = AuditKeys.generate();
        AuditKeys.writeSigningKey(dir.resolve(name + ".key"), pair);
        return pair;
    }

    /** Appends {@code n} records from {@code from} to the log and closes it; its final checkpoint goes to {@code at}. */
    private void write(Path log, KeyPair key, long from, int n, Map<Long, Checkpoint> at) throws Exception {
        Path keyFile = log.resolveSibling(log.getFileName() + ".key");
        if (!Files.exists(keyFile)) {
            AuditKeys.writeSigningKey(keyFile, key);
        }
        try (AuditLog audit = AuditLog.open(AuditSettings.builder(log, keyFile).fsyncInterval(Duration.ofMillis(2)).build())) {
            for (long i = from; i < from + n; i++) {
                AuditRecord r = AuditRecord.builder(Instant.parse("2026-12-07T10:00:00Z").plusMillis(i),
                        AuditRecord.Kind.REQUEST, ALLOW).requestId("req-" + i).api("orders").build();
                while (!audit.append(r)) {
                    Thread.onSpinWait();
                }
            }
        }
        for (Checkpoint c : AuditProver.checkpoints(log)) {
            at.put(c.size(), c);
        }
    }

    private static List<String> proof(Path log, long from, long to) throws Exception {
        return AuditProver.consistency(log, from, to).path().stream().map(h -> Base64.getEncoder().encodeToString(h)).toList();
    }

    private static HttpResponse<String> post(TestClient client, String node, Checkpoint c, List<String> proof, String key)
            throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("checkpoint", CheckpointCodec.toLine(c));
        body.put("consistency", proof);
        if (key != null) {
            body.put("publicKey", key);
        }
        return client.post("/v1/nodes/" + node + "/checkpoints", body);
    }

    private static String error(HttpResponse<String> r) throws Exception {
        return TestClient.json(r).get("error").asText();
    }
}
