package io.portcullis.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.decision.Decision;
import io.portcullis.runtime.demo.DemoConfig;
import io.portcullis.runtime.demo.DemoUpstream;
import io.portcullis.runtime.explain.RequestExplainer;
import io.portcullis.runtime.explain.RequestExplanation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code explain} and the live gateway agree: for a generated set of requests against the demo configuration
 * (sources inside and outside the admitted groups, the partner's range and beside it, methods, normal and hostile
 * paths, no token, a valid token, a token of another workload, a forged one), the explanation's layer, reason and status are what the running node
 * decides, as its access log records them. The demo's rate limit is raised out of reach: buckets are the one
 * thing an explanation does not see (it probes full ones).
 */
class ExplainAgreesWithGatewayTest {

    private static final String[][] SOURCES = {
            {"workload:trader-1", "127.0.1.11"}, {"workload:risk-1", "127.0.1.12"}, {"workload:batch-1", "127.0.1.13"},
            {"workload:legacy-1", "127.0.1.14"}, {"workload:reporting-1", "127.0.2.21"},
            {"127.0.1.99@vpc-acme", "127.0.1.99"}, {"127.0.9.7", "127.0.9.7"}, {"127.0.9.200", "127.0.9.200"},
            {"127.0.8.7", "127.0.8.7"}};
    private static final String[] APIS = {"orders", "payments", "ledger"};
    private static final String[] METHODS = {"GET", "POST", "DELETE", "PUT"};
    private static final String[] PATHS = {"/orders/1", "/health", "/nope", "/orders/../health", "/%6frders/2",
            "/orders/%2e%2e/%2e%2e/x", "/orders//7", "/orders/1?x=1", "/payments/9"};
    private static final String[] TOKENS = {"none", "own", "other-workload", "forged"};

    @TempDir
    Path dir;
    private DemoUpstream upstream;
    private DemoConfig demo;
    private Path accessLog;
    private Map<String, Integer> ports;
    private Node node;

    @BeforeEach
    void start() throws IOException {
        upstream = DemoUpstream.start();
        demo = DemoConfig.write(dir, LoopbackClient.freePort(), LoopbackClient.freePort(), LoopbackClient.freePort(),
                upstream.uri());
        accessLog = dir.resolve("access.log");
        String yaml = Files.readString(demo.file()).replace("capacity: 5, refillTokens: 5", "capacity: 100000, refillTokens: 100000");
        Files.writeString(demo.file(), yaml + "accessLog: {path: " + accessLog + ", recordQuery: true}\n");
        node = Node.builder(List.of(demo.file())).build().start();
        ports = new HashMap<>();
        node.boundPorts().forEach((api, address) -> ports.put(api, address.getPort()));
    }

    @AfterEach
    void stop() {
        node.close();
        upstream.close();
    }

    private String token(String kind, String source) {
        String workload = source.startsWith("workload:") ? source.substring("workload:".length())
                : source.startsWith("127.0.9.") ? "initech-analytics" : "nobody";
        return switch (kind) {
            case "own" -> workload.equals("initech-analytics")
                    ? demo.token(workload, List.of("sg-partner-initech"), "333333333333")
                    : demo.token(workload, List.of("sg-traders", "sg-risk-engine", "sg-batch", "sg-reporting"));
            case "other-workload" -> demo.token("trader-1".equals(workload) ? "risk-1" : "trader-1", List.of("sg-traders"));
            case "forged" -> "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ0cmFkZXItMSJ9.c2lnbmF0dXJl";
            default -> null;
        };
    }

    @Test
    void explainAndTheGatewayDecideAlike() throws Exception {
        Random random = new Random(13);
        RequestExplainer explainer = new RequestExplainer(node.plan());
        ObjectMapper json = new ObjectMapper();
        List<String> disagreements = new ArrayList<>();
        int logged = 0;
        int forwarded = 0;
        int partnerForwarded = 0;
        int refusedHttp = 0;
        int closed = 0;
        for (int i = 0; i < 240; i++) {
            String[] source = SOURCES[random.nextInt(SOURCES.length)];
            String api = APIS[random.nextInt(APIS.length)];
            String method = METHODS[random.nextInt(METHODS.length)];
            String path = PATHS[random.nextInt(PATHS.length)];
            String kind = TOKENS[random.nextInt(TOKENS.length)];
            String token = token(kind, source[0]);
            String what = source[0] + " " + method + " " + api + path + " token=" + kind;

            RequestExplanation e = explainer.explain(source[0], "", api, method, path, token, Instant.now());
            LoopbackClient.Response live = LoopbackClient.once(source[1], ports.get(api), new byte[0], method, path,
                    token == null ? new String[0] : new String[] {"Authorization: Bearer " + token});

            if (live.status() < 0) {
                closed++;
                if (e.status() != 0) {
                    disagreements.add(what + ": the gateway closed the connection, explain says " + e.status() + " "
                            + e.decision());
                }
                continue;
            }
            JsonNode line = nextLine(json, ++logged);
            Decision d = e.decision();
            String liveVerdict = line.get("layer").asText() + "/" + line.get("reason").asText() + " " + line.get("status").asInt();
            String explained = d.layer().name() + "/" + d.reason().code() + " " + e.status();
            if (!liveVerdict.equals(explained)) {
                disagreements.add(what + ": gateway " + liveVerdict + ", explain " + explained);
            }
            if (e.status() == 200) {
                forwarded++;
                partnerForwarded += source[1].startsWith("127.0.9.") ? 1 : 0;
            } else {
                refusedHttp++;
            }
        }
        assertThat(disagreements).as("requests where explain and the gateway disagree").isEmpty();
        assertThat(closed).as("network denials in the sample").isPositive();
        assertThat(forwarded).as("forwarded requests in the sample").isPositive();
        assertThat(partnerForwarded).as("forwarded requests from the partner's range in the sample").isPositive();
        assertThat(refusedHttp).as("HTTP refusals in the sample").isPositive();
    }

    /** The {@code n}th request line of the access log, waiting for its asynchronous writer. */
    private JsonNode nextLine(ObjectMapper json, int n) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            List<String> lines = Files.exists(accessLog) ? Files.readAllLines(accessLog).stream()
                    .filter(l -> l.contains("\"kind\":\"request\"")).toList() : List.of();
            if (lines.size() >= n) {
                return json.readTree(lines.get(n - 1));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("access log line " + n + " not written within 5 s");
            }
            Thread.sleep(2);
        }
    }
}
