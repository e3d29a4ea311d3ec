package io.portcullis.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.testing.FakeTime;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heartbeats: live-node counts (a node is live for 45 s after its last heartbeat, on the control plane's clock),
 * the node list, and the history of what each node served.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodesTest {

    private static final String A = "sha256:" + "a".repeat(64);
    private static final String B = "sha256:" + "b".repeat(64);

    private final FakeTime time = new FakeTime(Instant.now());
    private ControlFixture control;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        control = ControlFixture.onNewDatabase(dir, "control_nodes", time.clock());
    }

    @AfterAll
    void stop() throws Exception {
        if (control != null) {
            control.close();
        }
    }

    @Test
    void countsLiveNodesAndKeepsWhatEachServed() throws Exception {
        HttpResponse<String> first = beat("node-1", A, true, 10);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(TestClient.json(first).get("liveNodes").asInt()).isEqualTo(1);
        assertThat(TestClient.json(first).get("currentVersion").asLong()).isEqualTo(0);
        time.advance(Duration.ofSeconds(15));
        assertThat(TestClient.json(beat("node-2", A, false, 3)).get("liveNodes").asInt()).isEqualTo(2);
        time.advance(Duration.ofSeconds(15));
        assertThat(TestClient.json(beat("node-1", B, true, 25)).get("liveNodes").asInt()).isEqualTo(2);
        time.advance(Duration.ofSeconds(40)); // node-2's last heartbeat is 55 s old now
        assertThat(TestClient.json(beat("node-1", B, true, 30)).get("liveNodes").asInt()).isEqualTo(1);

        JsonNode nodes = TestClient.json(control.as("viewer").get("/v1/nodes"));
        assertThat(nodes.findValuesAsText("nodeId")).containsExactly("node-1", "node-2");
        assertThat(nodes.get(0).get("live").asBoolean()).isTrue();
        assertThat(nodes.get(0).get("digest").asText()).isEqualTo(B);
        assertThat(nodes.get(0).get("counters").get("requests").asLong()).isEqualTo(30);
        assertThat(nodes.get(1).get("live").asBoolean()).isFalse();
        assertThat(nodes.get(1).get("ready").asBoolean()).isFalse();
        assertThat(nodes.get(1).get("notReady").asText()).isEqualTo("starting");

        JsonNode history = TestClient.json(control.as("viewer").get("/v1/nodes/node-1/history"));
        assertThat(history.findValuesAsText("digest")).containsExactly(A, B);
        assertThat(Instant.parse(history.get(1).get("to").asText())).isEqualTo(time.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        assertThat(control.as("viewer").get("/v1/nodes/node-9/history").statusCode()).isEqualTo(404);
        assertThat(control.as("node-1").get("/v1/nodes").statusCode()).isEqualTo(403);
        HttpResponse<String> other = control.as("node-1").post("/v1/nodes/node-2/heartbeat", Map.of("digest", A, "ready", true));
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(error(other)).isEqualTo("node node-2: this caller is node node-1 (node ids are bound to the certificate's "
                + "common name or the token's subject)");
    }

    @Test
    void refusesAMalformedHeartbeatWithWhatWasExpected() throws Exception {
        TestClient node = control.as("node-1");
        assertThat(error(node.post("/v1/nodes/node-1/heartbeat", Map.of("digest", A)))).isEqualTo(
                "ready: missing (expected: true or false)");
        assertThat(error(node.post("/v1/nodes/node-1/heartbeat", Map.of("digest", A, "ready", true, "startedAt", "yesterday"))))
                .isEqualTo("startedAt: 'yesterday' (expected: an ISO-8601 instant, e.g. 2026-12-07T09:00:00Z)");
        assertThat(error(node.post("/v1/nodes/node-1/heartbeat", Map.of("digest", A, "ready", true,
                "counters", Map.of("requests", "many"))))).isEqualTo("counters.requests: string (expected: a number)");
        assertThat(error(node.post("/v1/nodes/bad%20id/heartbeat", Map.of("digest", A, "ready", true))))
                .startsWith("nodeId: 'bad id' (expected:");
    }

    private HttpResponse<String> beat(String node, String digest, boolean ready, long requests) throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("digest", digest);
        body.put("ready", ready);
        body.put("notReady", ready ? null : "starting");
        body.put("startedAt", "2026-12-07T09:00:00Z");
        body.put("counters", Map.of("requests", requests, "refused", 1));
        return control.as(node).post("/v1/nodes/" + node + "/heartbeat", body);
    }

    private static String error(HttpResponse<String> r) throws Exception {
        return TestClient.json(r).get("error").asText();
    }
}
