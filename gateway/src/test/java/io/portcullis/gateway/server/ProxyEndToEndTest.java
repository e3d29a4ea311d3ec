package io.portcullis.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.guard.GuardReasons;
import io.portcullis.gateway.guard.InMemoryBlocklist;
import io.portcullis.gateway.net.Cidr;
import io.portcullis.gateway.proxy.ProxyReasons;
import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.settings.Timeouts;
import io.portcullis.gateway.testing.Gateways;
import io.portcullis.gateway.testing.RawClient;
import io.portcullis.gateway.testing.TestGuards;
import io.portcullis.gateway.testing.TestUpstream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProxyEndToEndTest {

    static TestUpstream upstream;
    static TestGuards guard = new TestGuards();
    static InMemoryBlocklist blocklist = new InMemoryBlocklist();
    static GatewayServer gateway;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream();
        blocklist.block(Cidr.parse("127.0.0.9"), "feed-test");
        gateway = GatewayServer.builder(new GatewaySettings(List.of(Gateways.api(upstream.uri()).build(),
                        Gateways.api(URI.create("http://127.0.0.1:1")).timeouts(Timeouts.of(Duration.ofSeconds(1),
                                Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(1)))
                                .build().withName("down"),
                        Gateways.api(upstream.uri()).timeouts(Timeouts.of(Duration.ofSeconds(1),
                                Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMillis(700)))
                                .build().withName("slow"),
                        Gateways.api(upstream.uri()).timeouts(Timeouts.of(Duration.ofSeconds(1),
                                Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(1)))
                                .build().withName("idle"),
                        Gateways.api(upstream.uri()).timeouts(Timeouts.of(Duration.ofSeconds(1),
                                Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(5)))
                                .build().withName("patient"),
                        Gateways.api(upstream.uri()).proxyProtocol(io.portcullis.settings.ProxyProtocol.REQUIRED,
                                List.of("127.0.0.2")).build().withName("behind-nlb"))), guard)
                .blocklist(blocklist).workerThreads(2).build().start();
        port = gateway.port("orders");
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @Test
    void forwardsWithTheGatewaysOwnForwardingHeadersAndNoHopByHopHeaders() throws Exception {
        try (RawClient c = new RawClient("127.0.0.2", port)) {
            String response = c.send("GET /echo?x=1 HTTP/1.1\r\nHost: orders.internal\r\nX-Forwarded-For: 6.6.6.6\r\n"
                    + "Forwarded: for=6.6.6.6\r\nX-Real-IP: 6.6.6.6\r\nConnection: close, X-Custom\r\nX-Custom: secret\r\n"
                    + "Keep-Alive: timeout=9\r\n\r\n").readUntilClose();
            assertThat(response).startsWith("HTTP/1.1 200 OK").contains("target=/echo?x=1")
                    .contains("x-forwarded-for=127.0.0.2").contains("x-forwarded-proto=http")
                    .contains("forwarded=for=127.0.0.2;proto=http").contains("host=orders.internal")
                    .doesNotContain("6.6.6.6").doesNotContain("x-custom=").doesNotContain("keep-alive=timeout=9");
        }
    }

    @Test
    void keepsTheClientConnectionAliveAcrossRequestsAndStreamsBodies() throws Exception {
        try (RawClient c = new RawClient("127.0.0.2", port)) {
            assertThat(c.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello").readResponse())
                    .startsWith("HTTP/1.1 200").contains("body=5");
            assertThat(c.send("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nabc\r\n4;ext=1\r\ndefg\r\n0\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200")
                    .contains("body=7");
            // pipelined: both requests in one write, answered in order
            String two = c.send("GET /echo?n=1 HTTP/1.1\r\nHost: a\r\n\r\nGET /echo?n=2 HTTP/1.1\r\nHost: a\r\n\r\n")
                    .readResponse() + c.readResponse();
            assertThat(two.indexOf("target=/echo?n=1")).isPositive().isLessThan(two.indexOf("target=/echo?n=2"));
            // pipelined with bodies: the queued request is replayed with its queued body
            String bodies = c.send("POST /echo?n=3 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"
                    + "POST /echo?n=4 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nde\r\n0\r\n\r\n")
                    .readResponse() + c.readResponse();
            assertThat(bodies).contains("target=/echo?n=3\nbody=3").contains("target=/echo?n=4\nbody=2");
        }
    }

    @Test
    void streamsALargeResponseWithoutBufferingIt() throws Exception {
        try (RawClient c = new RawClient("127.0.0.3", port)) {
            String response = c.send("GET /big?n=5000000 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
                    .readUntilClose();
            assertThat(response.substring(0, Math.min(200, response.length()))).startsWith("HTTP/1.1 200")
                    .contains("transfer-encoding: chunked");
            assertThat(response.length()).isGreaterThan(5_000_000);
        }
    }

    @Test
    void answersAnHttp10ClientWithoutChunkedFraming() throws Exception {
        try (RawClient c = new RawClient("127.0.0.3", port)) {
            String response = c.send("GET /big?n=100 HTTP/1.0\r\nHost: a\r\n\r\n").readUntilClose();
            assertThat(response).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("transfer-encoding")
                    .contains("connection: close");
            assertThat(response.substring(response.indexOf("\r\n\r\n") + 4)).hasSize(100);
        }
    }

    @Test
    void closesADeniedConnectionWithoutAnswering() throws Exception {
        long before = gateway.rejections().count(TestGuards.NO_RULE);
        try (RawClient c = new RawClient("127.0.0.4", port)) {
            assertThat(c.send("GET /echo HTTP/1.1\r\nHost: a\r\n\r\n").readUntilClose()).isIn("", "<reset>");
        }
        assertThat(gateway.rejections().count(TestGuards.NO_RULE)).isEqualTo(before + 1);
    }

    @Test
    void closesABlocklistedConnectionWithoutAsking() throws Exception {
        int calls = guard.calls.size();
        try (RawClient c = new RawClient("127.0.0.9", port)) {
            assertThat(c.readUntilClose()).isIn("", "<reset>");
        }
        assertThat(guard.calls).hasSize(calls);
        assertThat(gateway.rejections().count(GuardReasons.BLOCKLISTED)).isPositive();
    }

    @Test
    void closesAnIdleKeepAliveConnection() throws Exception {
        long start = System.nanoTime();
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("idle"))) {
            assertThat(c.send("GET /echo HTTP/1.1\r\nHost: a\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200");
            assertThat(c.readUntilClose()).isEmpty();
        }
        // Idle is 300 ms, and no other timer runs while no head byte arrives (a header timeout would have answered
        // 408); the bound leaves a loaded machine room and stays under the client's 5 s read timeout.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void closesAConnectionThatNeverSendsAByte() throws Exception {
        long start = System.nanoTime();
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("idle"))) {
            assertThat(c.readUntilClose()).isEmpty();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the 300 ms idle timeout, as above")
                .isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aRequestInFlightLongerThanTheIdleTimeoutIsAnswered() throws Exception {
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("patient"))) {
            assertThat(c.send("GET /slow?ms=1000 HTTP/1.1\r\nHost: a\r\n\r\n").readResponse())
                    .startsWith("HTTP/1.1 200");
            assertThat(c.send("GET /echo HTTP/1.1\r\nHost: a\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void closesAConnectionWhoseProxiedSourceIsBlocklisted() throws Exception {
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("behind-nlb"))) {
            c.send("PROXY TCP4 127.0.0.9 10.0.0.1 4000 443\r\nGET /echo HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(c.readUntilClose()).isIn("", "<reset>");
        }
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("behind-nlb"))) {
            c.send("PROXY TCP4 127.0.0.3 10.0.0.1 4000 443\r\nGET /echo HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(c.readResponse()).startsWith("HTTP/1.1 200").contains("x-forwarded-for=127.0.0.3");
        }
    }

    @Test
    void decidesOnTheProxiedSourceAndPassesNoByteOfADeniedOnesRequest() throws Exception {
        long denied = gateway.rejections().count(TestGuards.NO_RULE);
        int forwarded = upstream.requests.get();
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("behind-nlb"))) {
            // the header and a request in one write: the guard decides on 127.0.0.4 before any of the request passes
            c.send("PROXY TCP4 127.0.0.4 10.0.0.1 4000 443\r\nGET /echo HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(c.readUntilClose()).isIn("", "<reset>");
        }
        assertThat(guard.calls).contains("behind-nlb 127.0.0.4 ");
        assertThat(gateway.rejections().count(TestGuards.NO_RULE)).isEqualTo(denied + 1);
        assertThat(upstream.requests.get()).isEqualTo(forwarded);
    }

    @Test
    void refusesABlocklistedLoadBalancerAtAcceptBeforeReadingItsProxyHeader() throws Exception {
        long blocked = gateway.rejections().count(GuardReasons.BLOCKLISTED);
        long untrusted = gateway.rejections().count(ProxyReasons.UNTRUSTED_PROXY);
        try (RawClient c = new RawClient("127.0.0.9", gateway.port("behind-nlb"))) {
            assertThat(c.readUntilClose()).as("closed without a byte sent").isIn("", "<reset>");
        }
        assertThat(gateway.rejections().count(GuardReasons.BLOCKLISTED)).isEqualTo(blocked + 1);
        assertThat(gateway.rejections().count(ProxyReasons.UNTRUSTED_PROXY))
                .as("the PROXY stage never judged the peer").isEqualTo(untrusted);
    }

    @Test
    void answers502WhenTheUpstreamIsDown() throws Exception {
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("down"))) {
            String response = c.send("GET /x HTTP/1.1\r\nHost: a\r\n\r\n").readResponse();
            assertThat(response).startsWith("HTTP/1.1 502 Bad Gateway").endsWith("\r\n\r\nBad Gateway\n");
        }
    }

    @Test
    void answers504WithinTheResponseTimeoutWhenTheUpstreamIsSlow() throws Exception {
        long start = System.nanoTime();
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("slow"))) {
            String response = c.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n").readResponse();
            assertThat(response).startsWith("HTTP/1.1 504 Gateway Timeout").endsWith("Gateway Timeout\n");
            // the connection stays usable
            assertThat(c.send("GET /echo HTTP/1.1\r\nHost: a\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void theResponseTimeoutHoldsForASlowRequestAfterManyQuickOnesOnOneConnection() throws Exception {
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("slow"))) {
            for (int i = 0; i < 20; i++) {
                assertThat(c.send("GET /echo?i=" + i + " HTTP/1.1\r\nHost: a\r\n\r\n").readResponse())
                        .startsWith("HTTP/1.1 200");
            }
            Thread.sleep(300); // the check left by the quick requests must not stretch or cut the 700 ms
            long start = System.nanoTime();
            assertThat(c.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n").readResponse())
                    .startsWith("HTTP/1.1 504 Gateway Timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(650),
                    Duration.ofMillis(2500));
            assertThat(c.send("GET /echo HTTP/1.1\r\nHost: a\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200");
        }
    }
}
