package io.portcullis.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.portcullis.gateway.guard.InMemoryBlocklist;
import io.portcullis.gateway.net.Cidr;
import io.portcullis.gateway.observe.ConnectionEvent;
import io.portcullis.gateway.observe.GatewayListener;
import io.portcullis.gateway.observe.RequestEvent;
import io.portcullis.gateway.server.GatewayServer;
import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.settings.RateLimitKey;
import io.portcullis.settings.RateLimitSettings;
import io.portcullis.settings.RouteSettings;
import io.portcullis.gateway.testing.Gateways;
import io.portcullis.gateway.testing.RawClient;
import io.portcullis.gateway.testing.RecordingListener;
import io.portcullis.gateway.testing.TestGuards;
import io.portcullis.gateway.testing.TestUpstream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The data plane's meters as Prometheus scrapes them, after real traffic. The gateway's listener is a composite
 * of one that throws on every call and one that records: traffic must be unaffected and the errors counted.
 */
class GatewayMetricsTest {

    static final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    static final RecordingListener events = new RecordingListener();
    static final GatewayListener throwing = new GatewayListener() {
        @Override
        public void onConnection(ConnectionEvent event) {
            throw new IllegalStateException("listener broken on purpose");
        }

        @Override
        public void onRequest(RequestEvent event) {
            throw new IllegalStateException("listener broken on purpose");
        }
    };
    static TestUpstream upstream;
    static GatewayServer gateway;

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream();
        InMemoryBlocklist blocklist = new InMemoryBlocklist();
        blocklist.block(Cidr.parse("127.0.0.9"), "feed-a");
        blocklist.block(Cidr.parse("10.9.0.0/16"), "feed-b");
        List<RouteSettings> routes = List.of(RouteSettings.of("/echo"),
                new RouteSettings("/limited", Set.of(), Optional.empty(), OptionalLong.empty(),
                        List.of(new RateLimitSettings(RateLimitKey.ROUTE, 1, 1, Duration.ofHours(1)))),
                new RouteSettings("/down/**", Set.of(), Optional.of(URI.create("http://127.0.0.1:1")),
                        OptionalLong.empty(), List.of()));
        gateway = GatewayServer.builder(new GatewaySettings(List.of(
                        Gateways.api(upstream.uri()).routes(routes).build(),
                        Gateways.api(upstream.uri()).build().withName("counted"),
                        Gateways.api(upstream.uri()).build().withName("quiet"))), new TestGuards())
                .blocklist(blocklist).meterRegistry(registry)
                .listener(GatewayListener.composite(List.of(throwing, events))).workerThreads(1).build().start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    /** The sample's value once it equals {@code expected}, or its last value after two seconds. */
    static double settled(String name, double expected, String... labels) throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        double value = sample(name, labels);
        while (value != expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
            value = sample(name, labels);
        }
        return value;
    }

    /** The value of the scraped sample with this name and (at least) these labels, or NaN when absent. */
    static double sample(String name, String... labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(registry.scrape());
        while (m.find()) {
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) {
                all &= m.group(1) != null && m.group(1).contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (all) {
                return Double.parseDouble(m.group(2));
            }
        }
        return Double.NaN;
    }

    @Test
    void countsRequestsLatencyErrorsRateLimitsAndDecisionsByApiAndRoute() throws Exception {
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("orders"))) {
            for (String target : List.of("/echo", "/echo", "/nowhere", "/limited", "/limited", "/down/x")) {
                c.send("GET " + target + " HTTP/1.1\r\nHost: a\r\n\r\n").readResponse();
            }
            events.request(e -> e.path().equals("/down/x"));
        }
        String[] echo = {"api", "orders", "route", "/echo"};
        assertThat(sample("portcullis_requests_total", "api", "orders", "route", "/echo", "status", "2xx"))
                .isEqualTo(2.0);
        assertThat(sample("portcullis_requests_total", "api", "orders", "route", "none", "status", "4xx"))
                .isEqualTo(1.0);
        assertThat(sample("portcullis_requests_total", "api", "orders", "route", "/down/**", "status", "5xx"))
                .isEqualTo(1.0);
        assertThat(sample("portcullis_request_duration_seconds_count", echo)).isEqualTo(2.0);
        assertThat(sample("portcullis_request_duration_seconds_bucket", "api", "orders", "route", "/echo",
                "le", "0.005")).as("an SLO bucket").isNotNaN();
        assertThat(sample("portcullis_request_duration_seconds_bucket", "api", "orders", "route", "/echo",
                "le", "+Inf")).isEqualTo(2.0);
        assertThat(sample("portcullis_ratelimit_rejections_total", "api", "orders", "route", "/limited"))
                .isEqualTo(1.0);
        assertThat(sample("portcullis_upstream_errors_total", "api", "orders", "kind", "connect-failed"))
                .isEqualTo(1.0);
        assertThat(sample("portcullis_upstream_errors_total", "api", "orders", "kind", "response-timeout"))
                .as("registered before the first error").isZero();
        assertThat(sample("portcullis_decisions_total", "api", "orders", "stage", "request", "verdict", "deny",
                "layer", "policy", "reason", "no-route")).isEqualTo(1.0);
        assertThat(sample("portcullis_decisions_total", "api", "orders", "stage", "request", "verdict", "deny",
                "layer", "traffic", "reason", "rate-limited")).isEqualTo(1.0);
        assertThat(sample("portcullis_decisions_total", "api", "orders", "stage", "request", "verdict", "allow",
                "layer", "policy", "reason", "no-authorizer")).isEqualTo(4.0);
        assertThat(sample("portcullis_refusals_total", "layer", "traffic", "reason", "rate-limited")).isEqualTo(1.0);
        assertThat(sample("portcullis_blocklist_entries")).isEqualTo(2.0);
        assertThat(registry.scrape()).as("never a raw path as a tag").doesNotContain("/nowhere");
    }

    @Test
    void countsOpenConnectionsAndConnectionDecisionsPerApi() throws Exception {
        try (RawClient a = new RawClient("127.0.0.2", gateway.port("counted"));
             RawClient b = new RawClient("127.0.0.3", gateway.port("counted"))) {
            for (RawClient c : List.of(a, b)) {
                assertThat(c.send("GET /echo HTTP/1.1\r\nHost: a\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200");
            }
            assertThat(sample("portcullis_connections_active", "api", "counted")).isEqualTo(2.0);
            a.close();
            events.connection(e -> e.peer().getPort() == a.socket().getLocalPort()
                    && e.phase() == ConnectionEvent.Phase.CLOSED);
            assertThat(settled("portcullis_connections_active", 1.0, "api", "counted")).isEqualTo(1.0);
        }
        try (RawClient denied = new RawClient("127.0.0.4", gateway.port("counted"))) {
            denied.readUntilClose();
        }
        events.connection(e -> e.api().equals("counted") && e.phase() == ConnectionEvent.Phase.REFUSED);
        assertThat(sample("portcullis_decisions_total", "api", "counted", "stage", "connection", "verdict", "allow",
                "layer", "network", "reason", "security-group-allows")).isEqualTo(2.0);
        assertThat(settled("portcullis_decisions_total", 1.0, "api", "counted", "stage", "connection", "verdict",
                "deny", "layer", "network", "reason", "no-matching-rule")).isEqualTo(1.0);
    }

    @Test
    void aThrowingListenerBreaksNoRequestAndIsCounted() throws Exception {
        double before = sample("portcullis_listener_errors_total", "callback", "onRequest");
        try (RawClient c = new RawClient("127.0.0.5", gateway.port("quiet"))) {
            for (int i = 0; i < 3; i++) {
                assertThat(c.send("GET /echo?throwing=" + i + " HTTP/1.1\r\nHost: a\r\n\r\n").readResponse())
                        .startsWith("HTTP/1.1 200").contains("target=/echo?throwing=" + i);
            }
            events.request(e -> e.path().equals("/echo?throwing=2"));
        }
        // The composite tells the recorder before it rethrows the other listener's error, so the counter may
        // move just after the last event is seen.
        assertThat(settled("portcullis_listener_errors_total", before + 3, "callback", "onRequest"))
                .isEqualTo(before + 3);
        assertThat(sample("portcullis_listener_errors_total", "callback", "onConnection")).isPositive();
    }
}
