package io.portcullis.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.portcullis.gateway.http.HttpReasons;
import io.portcullis.gateway.observe.ConnectionEvent;
import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.gateway.settings.Timeouts;
import io.portcullis.gateway.testing.Gateways;
import io.portcullis.gateway.testing.H2Client;
import io.portcullis.gateway.testing.RawClient;
import io.portcullis.gateway.testing.RecordingListener;
import io.portcullis.gateway.testing.TestGuards;
import io.portcullis.gateway.testing.TestUpstream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slow request heads on HTTP/2 (h2c prior knowledge): a head must be complete within {@code headerRead} (300 ms
 * here; the idle timeout is 30 s, longer than the client's 5 s read timeout, so only the header timeout can close
 * these connections), while a connection whose complete request waits for a slow upstream is left alone.
 */
class Http2HeadTimeoutTest {

    static final byte[] SETTINGS = {0, 0, 0, 0x4, 0, 0, 0, 0, 0};
    static final Timeouts FAST_HEADER = Timeouts.of(Duration.ofSeconds(1), Duration.ofMillis(300),
            Duration.ofSeconds(30), Duration.ofSeconds(10));
    static final RecordingListener events = new RecordingListener();
    static TestUpstream upstream;
    static GatewayServer gateway;

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream();
        Timeouts shortIdle = Timeouts.of(Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofSeconds(1),
                Duration.ofSeconds(10));
        GatewaySettings settings = new GatewaySettings(List.of(Gateways.api(upstream.uri()).timeouts(FAST_HEADER)
                .build(), Gateways.api(upstream.uri()).timeouts(shortIdle).build().withName("pinged")));
        gateway = GatewayServer.builder(settings, new TestGuards()).listener(events).workerThreads(1).build().start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    /** The client preface and an empty SETTINGS frame, then {@code rest}. */
    private static byte[] start(byte[] rest) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(ByteBufUtil.getBytes(Http2CodecUtil.connectionPrefaceBuf()));
        bytes.writeBytes(SETTINGS);
        bytes.writeBytes(rest);
        return bytes.toByteArray();
    }

    /** A connection that starts with {@link #start}; the bytes until the server closes. */
    private static String slowClient(byte[] rest) throws Exception {
        long before = gateway.rejections().count(HttpReasons.HEADER_TIMEOUT);
        RawClient c = new RawClient("127.0.0.2", gateway.port("orders"));
        try (c) {
            String received = c.send(start(rest)).readUntilClose();
            ConnectionEvent refused = events.connection(e -> e.peer().getPort() == c.socket().getLocalPort()
                    && e.phase() == ConnectionEvent.Phase.REFUSED);
            assertThat(refused.decision().reason()).isEqualTo(HttpReasons.HEADER_TIMEOUT);
            assertThat(gateway.rejections().count(HttpReasons.HEADER_TIMEOUT)).isEqualTo(before + 1);
            return received;
        }
    }

    @Test
    void closesAConnectionWhoseFrameHeaderNeverCompletes() throws Exception {
        assertThat(slowClient(new byte[] {0, 0, 5, 0x1})).doesNotEndWith("<timeout>");
    }

    @Test
    void closesAConnectionWhoseHeaderBlockIsNeverEnded() throws Exception {
        // HEADERS on stream 1 without END_HEADERS: a CONTINUATION must follow, and never does
        byte[] headers = {0, 0, 1, 0x1, 0x1, 0, 0, 0, 1, (byte) 0x82};
        assertThat(slowClient(headers)).doesNotEndWith("<timeout>");
    }

    @Test
    void closesAnIdleConnectionKeptAliveByPingsAlone() throws Exception {
        byte[] ping = {0, 0, 8, 0x6, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8};
        RawClient c = new RawClient("127.0.0.2", gateway.port("pinged"));
        int pings = 0;
        try (c) {
            c.send(start(new byte[0]));
            // a PING every 200 ms for up to 4 s keeps the connection busy, but no request comes (idle: 1 s)
            for (; pings < 20; pings++) {
                c.send(ping);
                Thread.sleep(200);
            }
        } catch (java.io.IOException closedByTheGateway) {
            // expected: the gateway closed the connection while the client was still pinging
        }
        assertThat(pings).isLessThan(20);
        ConnectionEvent closed = events.connection(e -> e.peer().getPort() == c.socket().getLocalPort()
                && e.phase() != ConnectionEvent.Phase.ADMITTED);
        assertThat(closed.phase()).as("an idle close, not a refusal").isEqualTo(ConnectionEvent.Phase.CLOSED);
    }

    @Test
    void leavesAConnectionWhoseCompleteRequestWaitsForTheUpstream() throws Exception {
        try (H2Client client = new H2Client("127.0.0.2", gateway.port("orders"))) {
            // /slow answers after 3 s, ten times the header timeout
            assertThat(client.exchange("GET", "/slow", null).get(10, TimeUnit.SECONDS)).startsWith("200\n");
            assertThat(client.isActive()).isTrue();
        }
    }
}
