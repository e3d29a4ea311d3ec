package io.portcullis.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.server.GatewayServer;
import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.settings.ProxyProtocol;
import io.portcullis.settings.Timeouts;
import io.portcullis.gateway.testing.Gateways;
import io.portcullis.gateway.testing.RawClient;
import io.portcullis.gateway.testing.TestGuards;
import io.portcullis.gateway.testing.TestUpstream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PROXY headers on real connections: 127.0.0.2 is the trusted load balancer, 127.0.0.3 is not. */
class ProxyProtocolEndToEndTest {

    static final byte[] GET = "GET /echo HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    static TestUpstream upstream;
    static TestGuards guard = new TestGuards();
    static GatewayServer gateway;

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream();
        Timeouts fastHeader = Timeouts.of(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofSeconds(30),
                Duration.ofSeconds(5));
        gateway = GatewayServer.builder(new GatewaySettings(List.of(
                Gateways.api(upstream.uri()).proxyProtocol(ProxyProtocol.REQUIRED, List.of("127.0.0.2/32"))
                        .timeouts(fastHeader).build(),
                Gateways.api(upstream.uri()).proxyProtocol(ProxyProtocol.OPTIONAL, List.of("127.0.0.2"))
                        .build().withName("optional"))), guard).workerThreads(1).build().start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    private static String send(String from, String api, byte[]... parts) throws Exception {
        try (RawClient c = new RawClient(from, gateway.port(api))) {
            try {
                for (byte[] part : parts) {
                    c.send(part);
                }
            } catch (java.net.SocketException closedWhileSending) {
                return "<closed>";
            }
            return c.readResponse();
        }
    }

    @Test
    void usesTheSourceAndVpcEndpointOfEachAwsCapture() throws Exception {
        for (AwsCaptures capture : AwsCaptures.all()) {
            String response = send("127.0.0.2", "orders", capture.bytes(), GET);
            assertThat(response).startsWith("HTTP/1.1 200").contains("x-forwarded-for=" + capture.sourceAddress());
            assertThat(guard.calls).contains("orders " + capture.sourceAddress() + " " + capture.vpceId());
        }
    }

    @Test
    void refusesEveryCorruptedCaptureByteWithoutAnswering() throws Exception {
        byte[] capture = AwsCaptures.all().get(1).bytes();
        int forwarded = upstream.requests.get();
        for (int i = 0; i < capture.length; i += 7) {
            byte[] corrupt = capture.clone();
            corrupt[i] ^= 0x01;
            // a corrupted length may wait for bytes that never come: the header timeout ends it
            assertThat(send("127.0.0.2", "orders", corrupt, GET)).as("byte %s", i).endsWith("<closed>")
                    .doesNotContain("HTTP/1.1");
        }
        assertThat(upstream.requests.get()).isEqualTo(forwarded);
        assertThat(gateway.rejections().count(ProxyReasons.BAD_CRC)).isPositive();
    }

    @Test
    void refusesAHeaderFromAnUntrustedPeer() throws Exception {
        long before = gateway.rejections().count(ProxyReasons.UNTRUSTED_PROXY);
        assertThat(send("127.0.0.3", "orders", AwsCaptures.all().get(0).bytes(), GET)).endsWith("<closed>");
        assertThat(send("127.0.0.3", "optional", AwsCaptures.all().get(0).bytes(), GET)).endsWith("<closed>");
        assertThat(gateway.rejections().count(ProxyReasons.UNTRUSTED_PROXY)).isEqualTo(before + 2);
    }

    @Test
    void refusesASecondHeader() throws Exception {
        byte[] header = V2Headers.tcp4("127.0.0.3", 5555, "", true);
        assertThat(send("127.0.0.2", "orders", header, "PROXY TCP4 127.0.0.2 127.0.0.1 1 2\r\n".getBytes(), GET))
                .endsWith("<closed>");
        assertThat(gateway.rejections().count(ProxyReasons.DUPLICATE_HEADER)).isPositive();
    }

    @Test
    void refusesAMissingHeaderWhenRequiredButNotWhenOptional() throws Exception {
        assertThat(send("127.0.0.2", "orders", GET)).endsWith("<closed>");
        assertThat(send("127.0.0.2", "optional", GET)).startsWith("HTTP/1.1 200").contains("x-forwarded-for=127.0.0.2");
        assertThat(send("127.0.0.3", "optional", GET)).startsWith("HTTP/1.1 200").contains("x-forwarded-for=127.0.0.3");
    }

    @Test
    void acceptsAV1HeaderAndATruncatedOneTimesOut() throws Exception {
        assertThat(send("127.0.0.2", "orders", "PROXY TCP4 127.0.0.5 10.0.0.1 4000 443\r\n".getBytes(), GET))
                .startsWith("HTTP/1.1 200").contains("x-forwarded-for=127.0.0.5");
        long start = System.nanoTime();
        assertThat(send("127.0.0.2", "orders", java.util.Arrays.copyOf(AwsCaptures.all().get(0).bytes(), 40)))
                .endsWith("<closed>");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(gateway.rejections().count(ProxyReasons.HEADER_TIMEOUT)).isPositive();
    }
}
