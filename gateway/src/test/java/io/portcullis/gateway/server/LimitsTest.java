package io.portcullis.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.guard.GuardReasons;
import io.portcullis.gateway.http.HttpReasons;
import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.settings.Limits;
import io.portcullis.settings.RateLimitKey;
import io.portcullis.settings.RateLimitSettings;
import io.portcullis.settings.RouteSettings;
import io.portcullis.settings.Timeouts;
import io.portcullis.gateway.testing.Gateways;
import io.portcullis.gateway.testing.RawClient;
import io.portcullis.gateway.testing.TestGuards;
import io.portcullis.gateway.testing.TestUpstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LimitsTest {

    static TestUpstream upstream;
    static GatewayServer gateway;

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream();
        Limits limits = new Limits(1024, 1000, 2, 3, 100, 256, 1024, List.of());
        List<RouteSettings> routes = List.of(
                new RouteSettings("/orders/*", Set.of("GET"), Optional.empty(), OptionalLong.empty(), List.of()),
                new RouteSettings("/small/**", Set.of(), Optional.empty(), OptionalLong.of(10), List.of()),
                new RouteSettings("/echo", Set.of(), Optional.empty(), OptionalLong.empty(), List.of()),
                new RouteSettings("/rl", Set.of(), Optional.empty(), OptionalLong.empty(),
                        List.of(new RateLimitSettings(RateLimitKey.WORKLOAD, 3, 1, Duration.ofHours(1)))),
                new RouteSettings("/slowloris", Set.of(), Optional.empty(), OptionalLong.empty(), List.of()),
                new RouteSettings("/limited", Set.of(), Optional.empty(), OptionalLong.empty(),
                        List.of(new RateLimitSettings(RateLimitKey.ROUTE, 1, 1, Duration.ofMinutes(10)))));
        gateway = GatewayServer.builder(new GatewaySettings(List.of(
                        Gateways.api(upstream.uri()).limits(limits).routes(routes)
                                .timeouts(Timeouts.of(Duration.ofSeconds(1), Duration.ofMillis(600),
                                        Duration.ofSeconds(30), Duration.ofSeconds(5))).build())),
                new TestGuards()).workerThreads(1).build().start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    private static RawClient client(String from) throws Exception {
        return new RawClient(from, gateway.port("orders"));
    }

    @Test
    void answers413BeforeReadingADeclaredOversizeBody() throws Exception {
        try (RawClient c = client("127.0.0.5")) {
            String response = c.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\n").readUntilClose();
            assertThat(response).startsWith("HTTP/1.1 413 ").endsWith("Payload Too Large\n");
        }
    }

    @Test
    void answers100ContinueOnlyToAnAdmittedBody() throws Exception {
        try (RawClient c = client("127.0.0.5")) {
            c.send("POST /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
            assertThat(c.readResponse()).startsWith("HTTP/1.1 100 Continue");
            assertThat(c.send("hello").readResponse()).startsWith("HTTP/1.1 200").contains("body=5");
        }
        try (RawClient c = client("127.0.0.5")) {
            c.send("POST /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n");
            assertThat(c.readResponse()).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void neverSends100ContinueToAnHttp10Client() throws Exception {
        try (RawClient c = client("127.0.0.1")) {
            c.send("POST /echo HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\nhello");
            assertThat(c.readUntilClose()).startsWith("HTTP/1.1 200").doesNotContain("100 Continue");
        }
    }

    @Test
    void neverForwardsTrace() throws Exception {
        int before = upstream.requests.get();
        try (RawClient c = client("127.0.0.1")) {
            assertThat(c.send("TRACE /echo HTTP/1.1\r\nHost: a\r\n\r\n").readResponse()).startsWith("HTTP/1.1 405");
        }
        assertThat(upstream.requests.get()).isEqualTo(before);
    }

    @Test
    void cutsOffAStreamedBodyThatPassesTheRouteLimit() throws Exception {
        try (RawClient c = client("127.0.0.5")) {
            String response = c.send("POST /small/x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "8\r\n12345678\r\n8\r\n12345678\r\n").readUntilClose();
            assertThat(response).startsWith("HTTP/1.1 413");
        }
        assertThat(gateway.rejections().count(HttpReasons.BODY_TOO_LARGE)).isPositive();
    }

    @Test
    void answers431ForAnOversizeHead() throws Exception {
        try (RawClient c = client("127.0.0.5")) {
            String response = c.send("GET /echo HTTP/1.1\r\nHost: a\r\nX-Big: " + "x".repeat(2000) + "\r\n\r\n")
                    .readUntilClose();
            assertThat(response).startsWith("HTTP/1.1 431");
        }
    }

    @Test
    void routesByPathAndMethod() throws Exception {
        try (RawClient c = client("127.0.0.5")) {
            assertThat(c.send("GET /orders/7 HTTP/1.1\r\nHost: a\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200");
            assertThat(c.send("DELETE /orders/7 HTTP/1.1\r\nHost: a\r\n\r\n").readResponse())
                    .startsWith("HTTP/1.1 405").endsWith("Method Not Allowed\n");
            assertThat(c.send("GET /nowhere HTTP/1.1\r\nHost: a\r\n\r\n").readResponse()).startsWith("HTTP/1.1 404");
        }
    }

    @Test
    void rateLimitsPerWorkloadWithRetryAfterAndRateLimitHeaders() throws Exception {
        try (RawClient c = client("127.0.0.3")) {
            for (int i = 0; i < 3; i++) {
                assertThat(c.send("GET /rl HTTP/1.1\r\nHost: a\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200");
            }
            String limited = c.send("GET /rl HTTP/1.1\r\nHost: a\r\n\r\n").readResponse();
            assertThat(limited).startsWith("HTTP/1.1 429 Too Many Requests").endsWith("Too Many Requests\n")
                    .containsPattern("retry-after: 3[56][0-9][0-9]\r\n")
                    .contains("RateLimit-Policy: \"workload-1-per-3600000ms\";q=3;w=10800")
                    .containsPattern("RateLimit: \"workload-1-per-3600000ms\";r=0;t=\\d+");
        }
        try (RawClient other = client("127.0.0.2")) {
            assertThat(other.send("GET /rl HTTP/1.1\r\nHost: a\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void rateLimitsARouteForEveryCaller() throws Exception {
        try (RawClient a = client("127.0.0.2"); RawClient b = client("127.0.0.3")) {
            String first = a.send("GET /limited HTTP/1.1\r\nHost: a\r\n\r\n").readResponse();
            String second = b.send("GET /limited HTTP/1.1\r\nHost: a\r\n\r\n").readResponse();
            assertThat(List.of(first.substring(0, 12), second.substring(0, 12)))
                    .containsExactlyInAnyOrder("HTTP/1.1 200", "HTTP/1.1 429");
        }
    }

    @Test
    void limitsOpenConnectionsPerSourceWorkloadAndPerGroup() throws Exception {
        List<RawClient> open = new ArrayList<>();
        try {
            open.add(client("127.0.0.2"));
            open.add(client("127.0.0.2"));
            for (RawClient c : open) { // make sure both were admitted before the third
                assertThat(c.send("GET /orders/1 HTTP/1.1\r\nHost: a\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200");
            }
            try (RawClient third = client("127.0.0.2")) {
                assertThat(third.send("GET /orders/1 HTTP/1.1\r\nHost: a\r\n\r\n").readResponse()).endsWith("<closed>");
            }
            // web-2 shares group sg-web (limit 3): one more fits, the next does not
            open.add(client("127.0.0.5"));
            assertThat(open.get(2).send("GET /orders/1 HTTP/1.1\r\nHost: a\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200");
            try (RawClient fourth = client("127.0.0.5")) {
                assertThat(fourth.send("GET /orders/1 HTTP/1.1\r\nHost: a\r\n\r\n").readResponse()).endsWith("<closed>");
            }
            try (RawClient batch = client("127.0.0.3")) {
                assertThat(batch.send("GET /orders/1 HTTP/1.1\r\nHost: a\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200");
            }
        } finally {
            for (RawClient c : open) {
                c.close();
            }
        }
        assertThat(gateway.rejections().count(GuardReasons.TOO_MANY_CONNECTIONS)).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theHeaderTimeoutHoldsForAStalledHeadAfterManyQuickRequestsOnOneConnection() throws Exception {
        try (RawClient c = client("127.0.0.5")) {
            for (int i = 0; i < 20; i++) {
                assertThat(c.send("GET /orders/" + i + " HTTP/1.1\r\nHost: a\r\n\r\n").readResponse())
                        .startsWith("HTTP/1.1 2");
            }
            Thread.sleep(400); // the timer left by the quick heads must not stretch or cut the next head's 600 ms
            long start = System.nanoTime();
            assertThat(c.send("GET /slowloris HTTP/1.1\r\nHost: a\r\nX-A: ").readUntilClose())
                    .startsWith("HTTP/1.1 408 Request Timeout");
            // the upper bound leaves a loaded machine room; the client itself gives up at 5 s
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(550),
                    Duration.ofMillis(4000));
        }
    }

    @Test
    void slowHeadsAreClosedAfterTheHeaderTimeoutWhileOthersAreServed() throws Exception {
        List<RawClient> slow = new ArrayList<>();
        try {
            for (String from : List.of("127.0.0.7", "127.0.0.8")) {
                slow.add(client(from).send("GET /slowloris HTTP/1.1\r\nHost: a\r\nX-A: "));
            }
            long start = System.nanoTime();
            try (RawClient fast = client("127.0.0.3")) {
                assertThat(fast.send("GET /orders/2 HTTP/1.1\r\nHost: a\r\n\r\n").readResponse()).startsWith("HTTP/1.1 2");
            }
            for (RawClient c : slow) {
                assertThat(c.readUntilClose()).startsWith("HTTP/1.1 408 Request Timeout");
            }
            // the header timeout is 600 ms; the bound leaves a loaded machine room and stays under the client's
            // 5 s read timeout and far under the 30 s idle timeout, the only other ways these could end
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        } finally {
            for (RawClient c : slow) {
                c.close();
            }
        }
    }
}
