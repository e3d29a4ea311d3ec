package io.portcullis.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.http.Http2FrameGuard;
import io.portcullis.gateway.http.HttpReasons;
import io.portcullis.gateway.observe.ConnectionEvent;
import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.settings.Timeouts;
import io.portcullis.gateway.testing.Gateways;
import io.portcullis.gateway.testing.H2Client;
import io.portcullis.gateway.testing.H2Frames;
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
class Http2FrameGuardTest {

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

    /** A connection that starts with the preface and {@code rest}; the bytes until the server closes. */
    private static String slowClient(byte[] rest) throws Exception {
        long before = gateway.rejections().count(HttpReasons.HEADER_TIMEOUT);
        RawClient c = new RawClient("127.0.0.2", gateway.port("orders"));
        try (c) {
            String received = c.send(H2Frames.preface(rest)).readUntilClose();
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
            c.send(H2Frames.preface());
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

    /**
     * Sends frames from {@code from} after the preface and the client's SETTINGS; returns what came back until
     * close or timeout. A flood earns its source a penalty, so each flood test sends from a source of its own.
     */
    private static byte[] exchangeFrames(String from, String api, byte[]... frames) throws Exception {
        try (RawClient c = new RawClient(from, gateway.port(api))) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (byte[] f : frames) {
                all.writeBytes(f);
            }
            c.send(H2Frames.preface(all.toByteArray()));
            return c.readUntilClose().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void refusesStreamsBeyondTheAdvertisedLimitBeforeTheClientAcknowledgesTheSettings() throws Exception {
        // The client never acknowledges the server's SETTINGS; it opens as many streams to a slow path as the
        // limit and the allowance of refused streams add up to (one more closes the connection: Http2RefusalTest).
        byte[] block = H2Frames.request("GET", "/slow?ms=1500");
        byte[][] frames = new byte[ApiChannelInitializer.MAX_CONCURRENT_STREAMS + Http2FrameGuard.REFUSED_STREAM_BURST][];
        for (int k = 0; k < frames.length; k++) {
            frames[k] = H2Frames.frame(H2Frames.HEADERS, H2Frames.END_STREAM | H2Frames.END_HEADERS, 2 * k + 1, block);
        }
        long before = floods();
        byte[] received = exchangeFrames("127.0.0.2", "pinged", frames);
        long refused = H2Frames.framesOf(received, H2Frames.RST_STREAM).stream()
                .filter(p -> p.length == 4 && p[3] == H2Frames.REFUSED_STREAM).count();
        assertThat(refused).as("RST_STREAM REFUSED_STREAM").isEqualTo(Http2FrameGuard.REFUSED_STREAM_BURST);
        assertThat(floods()).isEqualTo(before);
    }

    private static long floods() {
        return gateway.rejections().count(HttpReasons.HTTP2_FLOOD);
    }

    @Test
    void refusesAnEmptyContinuationThatDoesNotEndItsBlock() throws Exception {
        long before = floods();
        byte[] block = H2Frames.request("GET", "/x");
        long start = System.nanoTime();
        byte[][] frames = new byte[101][];
        frames[0] = H2Frames.frame(0x1, 0x1, 1, block); // HEADERS with END_STREAM, without END_HEADERS
        for (int k = 1; k < frames.length; k++) {
            frames[k] = H2Frames.frame(0x9, 0, 1, new byte[0]);
        }
        exchangeFrames("127.0.0.3", "orders", frames);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("refused at once, not at the header timeout")
                .isLessThan(Duration.ofMillis(250));
        assertThat(floods()).isEqualTo(before + 1);
    }

    @Test
    void refusesAHeaderBlockOfTooManyContinuations() throws Exception {
        long before = floods();
        byte[] block = (H2Frames.request("GET", "/x?" + "q".repeat(60)));
        byte[][] frames = new byte[block.length][];
        frames[0] = H2Frames.frame(0x1, 0x1, 1, new byte[] {block[0]});
        for (int k = 1; k < block.length; k++) {
            frames[k] = H2Frames.frame(0x9, k == block.length - 1 ? 0x4 : 0, 1, new byte[] {block[k]});
        }
        assertThat(block.length - 1).isGreaterThan(Http2FrameGuard.MAX_CONTINUATIONS);
        exchangeFrames("127.0.0.5", "orders", frames);
        assertThat(floods()).isEqualTo(before + 1);
        // The same block in two frames is a request like any other.
        try (H2Client client = new H2Client("127.0.0.2", gateway.port("orders"))) {
            assertThat(client.exchange("GET", "/x?" + "q".repeat(60), null).get(5, TimeUnit.SECONDS)).startsWith("200\n");
        }
    }

    @Test
    void closesAConnectionThatFloodsPingsButAnswersAFewOfThem() throws Exception {
        byte[] ping = H2Frames.frame(0x6, 0, 0, new byte[8]);
        long before = floods();
        byte[][] few = new byte[50][];
        java.util.Arrays.fill(few, ping);
        byte[] fewAnswers = exchangeFrames("127.0.0.7", "pinged", few);
        assertThat(H2Frames.framesOf(fewAnswers, 0x6)).as("PING acknowledgements").hasSize(50);
        assertThat(floods()).isEqualTo(before);
        byte[][] flood = new byte[Http2FrameGuard.FLOOD_BURST + 500][];
        java.util.Arrays.fill(flood, ping);
        exchangeFrames("127.0.0.7", "pinged", flood);
        assertThat(floods()).isEqualTo(before + 1);
    }

    @Test
    void closesAConnectionThatSendsItsBodyInTinyDataFrames() throws Exception {
        long before = floods();
        byte[][] frames = new byte[Http2FrameGuard.FLOOD_BURST + 501][];
        frames[0] = H2Frames.frame(H2Frames.HEADERS, H2Frames.END_HEADERS, 1, H2Frames.request("POST", "/echo"));
        for (int k = 1; k < frames.length; k++) {
            frames[k] = H2Frames.frame(H2Frames.DATA, 0, 1, new byte[] {'x'});
        }
        exchangeFrames("127.0.0.8", "orders", frames);
        assertThat(floods()).isEqualTo(before + 1);
    }
}
