package io.portcullis.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.guard.GuardReasons;
import io.portcullis.gateway.http.HttpReasons;
import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.settings.Limits;
import io.portcullis.settings.ProxyProtocol;
import io.portcullis.settings.Timeouts;
import io.portcullis.gateway.testing.Gateways;
import io.portcullis.gateway.testing.RawClient;
import io.portcullis.gateway.testing.TestGuards;
import io.portcullis.gateway.testing.TestUpstream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bounds that keep one admitted source from holding the gateway's (and the upstream's) resources: requests in
 * flight per source, upstream connections per API, the body-read and send timeouts, and connections still sending
 * their PROXY header counting against the API's connection limit.
 */
class ExhaustionTest {

    static TestUpstream upstream;
    static GatewayServer gateway;

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream();
        Timeouts timeouts = new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(30),
                Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofMillis(800));
        gateway = GatewayServer.builder(new GatewaySettings(List.of(
                        Gateways.api(upstream.uri()).limits(Limits.DEFAULT.withInFlight(2, 100))
                                .timeouts(timeouts).build(),
                        Gateways.api(upstream.uri()).limits(Limits.DEFAULT.withInFlight(100, 2)).build()
                                .withName("narrow"),
                        Gateways.api(upstream.uri()).limits(Limits.DEFAULT.withConnections(10, 10, 2))
                                .proxyProtocol(ProxyProtocol.REQUIRED, List.of("127.0.0.0/8")).build()
                                .withName("behind-nlb"))),
                new TestGuards()).workerThreads(2).build().start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    /** Sends a slow request on a connection of its own and returns its response's status line. */
    private static CompletableFuture<String> slow(String from, String api) {
        return CompletableFuture.supplyAsync(() -> {
            try (RawClient c = new RawClient(from, gateway.port(api))) {
                String response = c.send("GET /slow?ms=1500 HTTP/1.1\r\nHost: a\r\n\r\n").readResponse();
                return response.substring(0, response.indexOf('\r'));
            } catch (Exception e) {
                return e.toString();
            }
        });
    }

    @Test
    void refusesASourcesRequestBeyondItsShareInFlightAndFreesItWhenOneEnds() throws Exception {
        List<CompletableFuture<String>> first = List.of(slow("127.0.0.2", "orders"), slow("127.0.0.2", "orders"));
        Thread.sleep(400); // both are at the upstream now
        long before = gateway.rejections().count(HttpReasons.TOO_MANY_IN_FLIGHT);
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("orders"))) {
            assertThat(c.send("GET /x HTTP/1.1\r\nHost: a\r\n\r\n").readResponse()).startsWith("HTTP/1.1 429");
        }
        try (RawClient c = new RawClient("127.0.0.3", gateway.port("orders"))) {
            assertThat(c.send("GET /x HTTP/1.1\r\nHost: a\r\n\r\n").readResponse())
                    .as("another source has its own share").startsWith("HTTP/1.1 200");
        }
        assertThat(gateway.rejections().count(HttpReasons.TOO_MANY_IN_FLIGHT)).isEqualTo(before + 1);
        for (CompletableFuture<String> f : first) {
            assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo("HTTP/1.1 200 OK");
        }
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("orders"))) {
            assertThat(c.send("GET /x HTTP/1.1\r\nHost: a\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void refusesARequestWhenTheApiHoldsItsMostUpstreamConnections() throws Exception {
        List<CompletableFuture<String>> first = List.of(slow("127.0.0.7", "narrow"), slow("127.0.0.8", "narrow"));
        Thread.sleep(400);
        try (RawClient c = new RawClient("127.0.0.5", gateway.port("narrow"))) {
            assertThat(c.send("GET /x HTTP/1.1\r\nHost: a\r\n\r\n").readResponse()).startsWith("HTTP/1.1 503");
        }
        for (CompletableFuture<String> f : first) {
            assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo("HTTP/1.1 200 OK");
        }
        assertThat(gateway.rejections().count(HttpReasons.UPSTREAM_SATURATED)).isPositive();
    }

    @Test
    void cutsARequestWhoseBodyStopsArriving() throws Exception {
        try (RawClient c = new RawClient("127.0.0.3", gateway.port("orders"))) {
            long start = System.nanoTime();
            String response = c.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc")
                    .readUntilClose();
            assertThat(response).startsWith("HTTP/1.1 408");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(400),
                    Duration.ofSeconds(4));
        }
        assertThat(gateway.rejections().count(HttpReasons.BODY_TIMEOUT)).isPositive();
    }

    @Test
    void aRequestWhoseBodyNeverStartsNeverReachesTheUpstream() throws Exception {
        int before = upstream.requests.get();
        try (RawClient c = new RawClient("127.0.0.3", gateway.port("orders"))) {
            assertThat(c.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 1048576\r\n\r\n").readUntilClose())
                    .startsWith("HTTP/1.1 408");
        }
        assertThat(upstream.requests.get()).as("no upstream connection held for a body that never came")
                .isEqualTo(before);
    }

    @Test
    void aBodyThatKeepsArrivingIsNotCut() throws Exception {
        try (RawClient c = new RawClient("127.0.0.3", gateway.port("orders"))) {
            c.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\n");
            for (int i = 0; i < 4; i++) {
                Thread.sleep(300); // each gap is within bodyRead; the whole body takes longer than it
                c.send("x");
            }
            assertThat(c.readResponse()).startsWith("HTTP/1.1 200").contains("body=4");
        }
    }

    @Test
    void resetsAClientThatDoesNotReadItsResponseAndFreesTheUpstream() throws Exception {
        long total = 64L * 1024 * 1024;
        long received = 0;
        boolean reset = false;
        try (RawClient c = new RawClient("127.0.0.3", gateway.port("orders"))) {
            c.send("GET /big?n=" + total + " HTTP/1.1\r\nHost: a\r\n\r\n");
            Thread.sleep(2500); // the send timeout (800 ms) passes while nothing is read
            InputStream in = c.socket().getInputStream();
            byte[] buf = new byte[65536];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    received += n;
                }
            } catch (java.net.SocketException e) {
                reset = true; // what the kernel still held for the client is dropped, not delivered
            }
        }
        assertThat(received).as("the gateway gave up before sending everything").isLessThan(total);
        assertThat(reset).as("an abortive close frees the socket's buffers at once").isTrue();
        assertThat(gateway.rejections().count(HttpReasons.SEND_TIMEOUT)).isPositive();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (gateway.openConnections("orders", "workload:batch") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(gateway.openConnections("orders", "workload:batch")).isZero();
    }

    @Test
    void aConnectionStillSendingItsProxyHeaderCountsAgainstTheConnectionLimit() throws Exception {
        long before = gateway.rejections().count(GuardReasons.TOO_MANY_CONNECTIONS);
        List<RawClient> pending = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                pending.add(new RawClient("127.0.0.2", gateway.port("behind-nlb")).send("PROXY TCP4 10.0"));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (gateway.openConnections("behind-nlb", "api") < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10); // both accepted by the gateway, not only by the kernel
            }
            try (RawClient third = new RawClient("127.0.0.2", gateway.port("behind-nlb"))) {
                long start = System.nanoTime();
                assertThat(third.readUntilClose()).isEmpty();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("closed at once, not at the header timeout")
                        .isLessThan(Duration.ofSeconds(2));
            }
        } finally {
            for (RawClient c : pending) {
                c.close();
            }
        }
        assertThat(gateway.rejections().count(GuardReasons.TOO_MANY_CONNECTIONS)).isEqualTo(before + 1);
    }
}
