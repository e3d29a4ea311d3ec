package io.portcullis.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.audit.read.AuditSearch;
import io.portcullis.audit.read.JsonLineSink;
import io.portcullis.audit.read.RecordFilter;
import io.portcullis.decision.Verdict;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's figures for a known batch of traffic agree with the node's {@code /metrics} (requests per API,
 * decisions by API, stage, verdict, layer and reason) and with its audit log (refusals per source, the search).
 */
class ConsoleFiguresTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SAMPLE = Pattern.compile("^(portcullis_requests_total|portcullis_decisions_total)\\{([^}]*)} ([0-9.E+-]+)$",
            Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    @TempDir
    static Path dir;
    private static ConsoleNode node;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static String cookie;

    @BeforeAll
    static void start() throws Exception {
        node = new ConsoleNode(dir);
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(node.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(
                        node.demo.consoleToken("figures", "viewer"), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().firstValue("Location")).hasValue("/traffic");
        cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void trafficAndRefusalsAgreeWithMetricsAndTheAuditLog() throws Exception {
        Instant begin = Instant.now();
        int admitted = 0;
        for (int i = 0; i < 30; i++) {
            admitted += Load.send(new Load.Shot("127.0.2.21", node.ledger, "GET", "/ledger/" + i)) == 200 ? 1 : 0;
        }
        for (int i = 0; i < 20; i++) {
            assertThat(Load.send(new Load.Shot("127.0.1.66", node.orders, "GET", "/orders/42"))).isZero();
        }
        for (int i = 0; i < 10; i++) {
            assertThat(Load.send(new Load.Shot("127.0.1.11", node.ledger, "GET", "/ledger/7"))).isZero();
        }
        assertThat(admitted).isEqualTo(30);

        // The figures settle once the audit log has checkpointed the batch and the console has sampled again.
        JsonNode traffic = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            traffic = get("/api/traffic");
            if (refused(traffic, "127.0.1.66") == 20 && refused(traffic, "127.0.1.11") == 10
                    && requests(traffic).getOrDefault("ledger", 0L) == 30) {
                break;
            }
            Thread.sleep(300);
        }
        String metrics = node.metrics();
        Map<String, Long> requestsInMetrics = new TreeMap<>();
        Map<String, Long> decisionsInMetrics = new TreeMap<>();
        Matcher m = SAMPLE.matcher(metrics);
        while (m.find()) {
            Map<String, String> labels = new HashMap<>();
            Matcher l = LABEL.matcher(m.group(2));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
            long value = (long) Double.parseDouble(m.group(3));
            if (m.group(1).equals("portcullis_requests_total")) {
                requestsInMetrics.merge(labels.get("api"), value, Long::sum);
            } else {
                decisionsInMetrics.put(String.join(" ", labels.get("api"), labels.get("stage"), labels.get("verdict"),
                        labels.get("layer"), labels.get("reason")), value);
            }
        }
        assertThat(requests(traffic)).isEqualTo(requestsInMetrics).containsEntry("ledger", 30L);
        Map<String, Long> decisions = new TreeMap<>();
        traffic.path("decisions").forEach(d -> decisions.put(String.join(" ", d.path("api").asText(), d.path("stage").asText(),
                d.path("verdict").asText(), d.path("layer").asText(), d.path("reason").asText()), d.path("count").asLong()));
        assertThat(decisions).isEqualTo(decisionsInMetrics)
                .containsEntry("orders connection deny network no-matching-rule", 20L)
                .containsEntry("ledger connection deny network no-matching-rule", 10L)
                .containsEntry("ledger request allow policy allow", 30L);

        for (String source : new String[] {"127.0.1.66", "127.0.1.11"}) {
            long[] inLog = {0};
            AuditSearch.search(node.auditDir(), new RecordFilter(begin.minusSeconds(1), null, null, source, null, null,
                    Verdict.DENY, null), new JsonLineSink(line -> inLog[0]++));
            assertThat(refused(traffic, source)).as(source).isEqualTo(inLog[0]);
            assertThat(get("/api/decisions?verdict=denied&source=" + source).path("matched").asLong()).as(source)
                    .isEqualTo(inLog[0]);
        }
        assertThat(refused(traffic, "127.0.1.66")).isEqualTo(20);
    }

    private static Map<String, Long> requests(JsonNode traffic) {
        Map<String, Long> out = new TreeMap<>();
        traffic.path("apis").forEach(a -> out.put(a.path("api").asText(), a.path("requests").asLong()));
        return out;
    }

    private static long refused(JsonNode traffic, String source) {
        for (JsonNode s : traffic.path("topRefused")) {
            if (s.path("source").asText().equals(source)) {
                return s.path("count").asLong();
            }
        }
        return 0;
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(node.uri(path)).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
