package io.portcullis.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.runtime.demo.DemoConfig;
import io.portcullis.runtime.demo.DemoUpstream;
import io.portcullis.runtime.reload.ReloadOutcomes;
import io.portcullis.testing.FakeTime;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * What a reload ended with is in the three places an operator looks: the admin endpoints ({@code /readyz},
 * {@code /plan}), the metrics, and the log line that says what changed. A node whose reload was rejected stays
 * ready, marked degraded, and keeps serving the last good plan. The node's clock is a fake one, so the reported
 * times are exact.
 */
class ReloadOutcomeTest {

    private static final Instant START = Instant.parse("2026-03-04T10:00:00Z");

    @TempDir
    Path dir;

    private final FakeTime time = new FakeTime(START);
    private final HttpClient http = HttpClient.newHttpClient();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private DemoUpstream upstream;
    private Path config;
    private String original;
    private int port;
    private int admin;
    private Node node;

    @BeforeEach
    void start() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(ReloadOutcomes.class);
        logger.setLevel(Level.INFO);
        logger.addAppender(logged);
        logged.start();
        upstream = DemoUpstream.start();
        port = LoopbackClient.freePort();
        admin = LoopbackClient.freePort();
        config = DemoConfig.write(dir, port, LoopbackClient.freePort(), LoopbackClient.freePort(), upstream.uri()).file();
        original = Files.readString(config) + "admin: {listen: \"127.0.0.1:" + admin + "\"}\n";
        Files.writeString(config, original);
        node = Node.builder(List.of(config)).clock(time.clock()).build().start();
    }

    @AfterEach
    void stop() {
        node.close();
        upstream.close();
        ((Logger) LoggerFactory.getLogger(ReloadOutcomes.class)).detachAppender(logged);
    }

    @Test
    void aRejectedReloadLeavesTheNodeReadyButDegradedAndEveryChannelSaysWhatHappened() throws Exception {
        String first = node.plan().digest().toString();
        assertThat(get("/readyz")).isEqualTo("200 ready\nplan: " + first + "\n");
        String metrics = get("/metrics");
        assertThat(metric(metrics, "portcullis_reload_last_applied")).isEqualTo(1);
        assertThat(metric(metrics, "portcullis_reload_last_timestamp_seconds")).isEqualTo(START.getEpochSecond());
        assertThat(metric(metrics, "portcullis_reloads_total{result=\"rejected\"}")).isZero();

        time.advance(Duration.ofMinutes(1));
        Files.writeString(config, original.replace("ports: " + port + ", from: {group: sg-trading-clients}",
                "ports: " + port + ", from: {group: sg-nonexistent}"));
        assertThat(node.reload().applied()).isFalse();

        assertThat(get("/readyz")).isEqualTo("200 ready (degraded)\nplan: " + first + "\nlast reload: rejected at "
                + "2026-03-04T10:01:00Z, 1 problem (see the node's log); the plan above stays in force\n");
        metrics = get("/metrics");
        assertThat(metric(metrics, "portcullis_reloads_total{result=\"rejected\"}")).isEqualTo(1);
        assertThat(metric(metrics, "portcullis_reload_last_applied")).isZero();
        assertThat(metric(metrics, "portcullis_reload_last_problems")).isEqualTo(1);
        assertThat(metric(metrics, "portcullis_reload_last_timestamp_seconds")).isEqualTo(START.getEpochSecond() + 60);
        assertThat(metric(metrics, "portcullis_plan_info{digest=\"" + first + "\"}")).isEqualTo(1);
        assertThat(json("/plan")).hasToString("{\"digest\":\"" + first + "\",\"lastReload\":{\"time\":"
                + "\"2026-03-04T10:01:00Z\",\"result\":\"rejected\",\"problems\":1,\"changes\":{}}}");
        assertThat(LoopbackClient.once("127.0.1.11", port, "/orders/1")).as("the last good plan serves").isEqualTo(200);
        assertThat(lines()).contains("reload rejected (1 problem): plan " + first + " stays in force");

        time.advance(Duration.ofMinutes(1));
        Files.writeString(config, original.replace("expires: \"2025-06-30T00:00:00Z\"", "expires: \"2999-01-01T00:00:00Z\""));
        assertThat(node.reload().applied()).isTrue();
        String second = node.plan().digest().toString();

        assertThat(get("/readyz")).isEqualTo("200 ready\nplan: " + second + "\nlast reload: applied at 2026-03-04T10:02:00Z\n");
        metrics = get("/metrics");
        assertThat(metric(metrics, "portcullis_reloads_total{result=\"applied\"}")).isEqualTo(1);
        assertThat(metric(metrics, "portcullis_reload_last_applied")).isEqualTo(1);
        assertThat(metric(metrics, "portcullis_reload_last_problems")).isZero();
        assertThat(metric(metrics, "portcullis_plan_info{digest=\"" + second + "\"}")).isEqualTo(1);
        assertThat(metrics).as("one plan series at a time").doesNotContain(first);
        JsonNode plan = json("/plan");
        assertThat(plan.path("lastReload").path("attempted").asText()).isEqualTo(second);
        assertThat(plan.path("lastReload").path("changes")).hasToString(
                "{\"securityGroups\":{\"changed\":[\"111111111111/sg-orders-api (ingress)\"]}}");
        assertThat(lines()).contains("reload applied: plan " + second + " replaces " + first
                + "; securityGroups changed [111111111111/sg-orders-api (ingress)]");
    }

    @Test
    void aReloadRefusedAfterItCompiledSaysWhatItWouldHaveChanged() throws Exception {
        String first = node.plan().digest().toString();
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Files.writeString(config, original.replace("127.0.0.1:" + admin, "127.0.0.1:" + taken.getLocalPort()));
            Node.LoadResult result = node.reload();

            assertThat(result.applied()).isFalse();
            assertThat(result.changes()).hasToString("node changed [admin]");
        }
        JsonNode plan = json("/plan");
        assertThat(plan.path("lastReload").path("attempted").asText()).startsWith("sha256:").isNotEqualTo(first);
        assertThat(plan.path("digest").asText()).isEqualTo(first);
        assertThat(lines()).anySatisfy(line -> assertThat(line).startsWith("reload rejected (1 problem): plan " + first
                + " stays in force; plan sha256:").endsWith(" would have changed: node changed [admin]"));
    }

    @Test
    void exportsTheJvmsAndTheProcesssMeters() throws Exception {
        String metrics = get("/metrics");

        assertThat(heapUsed(metrics)).as("heap used, all pools").isPositive(); // one pool may be empty after a GC
        assertThat(metric(metrics, "jvm_buffer_memory_used_bytes{id=\"direct\"}")).isNotNegative();
        assertThat(metric(metrics, "jvm_threads_live_threads")).isPositive();
        assertThat(metric(metrics, "jvm_classes_loaded_classes")).isPositive();
        assertThat(metric(metrics, "jvm_gc_memory_allocated_bytes_total")).isNotNegative();
        assertThat(metric(metrics, "system_cpu_count")).isPositive();
        assertThat(metric(metrics, "process_cpu_usage")).isNotNegative();
        assertThat(metric(metrics, "process_uptime_seconds")).isPositive();
        assertThat(metric(metrics, "process_start_time_seconds")).isPositive();
        double open = metric(metrics, "process_files_open_files");
        assertThat(open).as("the listeners' sockets at least").isGreaterThanOrEqualTo(4);
        assertThat(metric(metrics, "process_files_max_files")).isGreaterThanOrEqualTo(open);
    }

    /** The first heap pool's id as the registry names it (collector-dependent: G1 Eden Space, PS Eden Space, ...). */
    private static double heapUsed(String metrics) {
        Matcher m = Pattern.compile("jvm_memory_used_bytes\\{area=\"heap\",id=\"[^\"]+\"} (\\S+)").matcher(metrics);
        double total = 0;
        int pools = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
            pools++;
        }
        assertThat(pools).as("heap pools").isPositive();
        return total;
    }

    /** The value of one series in a Prometheus scrape (its name and labels exactly as written). */
    private static double metric(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError("no series " + series));
    }

    private List<String> lines() {
        return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** {@code STATUS BODY} of a GET on the admin listener. */
    private String get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return path.equals("/metrics") ? r.body() : r.statusCode() + " " + r.body();
    }

    private JsonNode json(String path) throws Exception {
        String response = get(path);
        assertThat(response).startsWith("200 ");
        return new ObjectMapper().readTree(response.substring(4));
    }
}
