package io.portcullis.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.portcullis.gateway.http.Http2FrameGuard;
import io.portcullis.gateway.http.HttpReasons;
import io.portcullis.gateway.observe.ConnectionEvent;
import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.settings.Timeouts;
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
class Http2FrameGuardTest {

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

    /** A frame: 9-byte header and payload. */
    private static byte[] frame(int type, int flags, int stream, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = payload.length;
        out.writeBytes(new byte[] {(byte) (n >>> 16), (byte) (n >>> 8), (byte) n, (byte) type, (byte) flags,
                (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8), (byte) stream});
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** The HPACK block of a GET of {@code path} (indexed :method GET, :scheme http; literal :path, :authority). */
    private static byte[] get(String path) throws Exception {
        io.netty.buffer.ByteBuf block = io.netty.buffer.Unpooled.buffer();
        new io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder().encodeHeaders(1,
                new io.netty.handler.codec.http2.DefaultHttp2Headers().method("GET").scheme("http").path(path)
                        .authority("orders.internal"), block);
        return ByteBufUtil.getBytes(block);
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
            c.send(start(all.toByteArray()));
            return c.readUntilClose().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    /** The frames in {@code bytes} of a type, as their payloads (a frame cut off at the end is left out). */
    private static List<byte[]> framesOf(byte[] bytes, int type) {
        List<byte[]> found = new java.util.ArrayList<>();
        for (int i = 0; i + 9 <= bytes.length; ) {
            int n = (bytes[i] & 0xff) << 16 | (bytes[i + 1] & 0xff) << 8 | bytes[i + 2] & 0xff;
            if (i + 9 + n > bytes.length) {
                break;
            }
            if ((bytes[i + 3] & 0xff) == type) {
                found.add(java.util.Arrays.copyOfRange(bytes, i + 9, i + 9 + n));
            }
            i += 9 + n;
        }
        return found;
    }

    @Test
    void refusesStreamsBeyondTheAdvertisedLimitBeforeTheClientAcknowledgesTheSettings() throws Exception {
        // The client never acknowledges the server's SETTINGS; it opens 200 streams to a slow path.
        byte[] block = get("/slow?ms=1500");
        byte[][] frames = new byte[200][];
        for (int k = 0; k < frames.length; k++) {
            frames[k] = frame(0x1, 0x5, 2 * k + 1, block); // HEADERS, END_STREAM | END_HEADERS
        }
        byte[] received = exchangeFrames("127.0.0.2", "pinged", frames);
        long refused = framesOf(received, 0x3).stream().filter(p -> p.length == 4 && p[3] == 0x7).count();
        assertThat(refused).as("RST_STREAM REFUSED_STREAM").isEqualTo(200 - ApiChannelInitializer.MAX_CONCURRENT_STREAMS);
    }

    private static long floods() {
        return gateway.rejections().count(HttpReasons.HTTP2_FLOOD);
    }

    @Test
    void refusesAnEmptyContinuationThatDoesNotEndItsBlock() throws Exception {
        long before = floods();
        byte[] block = get("/x");
        long start = System.nanoTime();
        byte[][] frames = new byte[101][];
        frames[0] = frame(0x1, 0x1, 1, block); // HEADERS with END_STREAM, without END_HEADERS
        for (int k = 1; k < frames.length; k++) {
            frames[k] = frame(0x9, 0, 1, new byte[0]);
        }
        exchangeFrames("127.0.0.3", "orders", frames);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("refused at once, not at the header timeout")
                .isLessThan(Duration.ofMillis(250));
        assertThat(floods()).isEqualTo(before + 1);
    }

    @Test
    void refusesAHeaderBlockOfTooManyContinuations() throws Exception {
        long before = floods();
        byte[] block = (get("/x?" + "q".repeat(60)));
        byte[][] frames = new byte[block.length][];
        frames[0] = frame(0x1, 0x1, 1, new byte[] {block[0]});
        for (int k = 1; k < block.length; k++) {
            frames[k] = frame(0x9, k == block.length - 1 ? 0x4 : 0, 1, new byte[] {block[k]});
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
        byte[] ping = frame(0x6, 0, 0, new byte[8]);
        long before = floods();
        byte[][] few = new byte[50][];
        java.util.Arrays.fill(few, ping);
        byte[] fewAnswers = exchangeFrames("127.0.0.7", "pinged", few);
        assertThat(framesOf(fewAnswers, 0x6)).as("PING acknowledgements").hasSize(50);
        assertThat(floods()).isEqualTo(before);
        byte[][] flood = new byte[Http2FrameGuard.FLOOD_BURST + 500][];
        java.util.Arrays.fill(flood, ping);
        exchangeFrames("127.0.0.7", "pinged", flood);
        assertThat(floods()).isEqualTo(before + 1);
    }

    @Test
    void closesAConnectionThatSendsItsBodyInTinyDataFrames() throws Exception {
        long before = floods();
        io.netty.buffer.ByteBuf block = io.netty.buffer.Unpooled.buffer();
        new io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder().encodeHeaders(1,
                new io.netty.handler.codec.http2.DefaultHttp2Headers().method("POST").scheme("http").path("/echo")
                        .authority("orders.internal"), block);
        byte[][] frames = new byte[Http2FrameGuard.FLOOD_BURST + 501][];
        frames[0] = frame(0x1, 0x4, 1, ByteBufUtil.getBytes(block));
        for (int k = 1; k < frames.length; k++) {
            frames[k] = frame(0x0, 0, 1, new byte[] {'x'});
        }
        exchangeFrames("127.0.0.8", "orders", frames);
        assertThat(floods()).isEqualTo(before + 1);
    }
}
