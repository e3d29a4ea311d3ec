package io.portcullis.gateway.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Exception;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HTTP/2 frames written and read by hand, for tests that need exact frames on the wire (floods, limits, what a
 * refused connection was told): a frame, a request's header block, the client preface, and the frames found in
 * what the server sent.
 */
public final class H2Frames {

    public static final int DATA = 0x0;
    public static final int HEADERS = 0x1;
    public static final int RST_STREAM = 0x3;
    public static final int SETTINGS = 0x4;
    public static final int PING = 0x6;
    public static final int GOAWAY = 0x7;
    public static final int CONTINUATION = 0x9;
    public static final int END_STREAM = 0x1;
    public static final int END_HEADERS = 0x4;
    /** The error codes of RST_STREAM and GOAWAY these tests look for. */
    public static final int REFUSED_STREAM = 0x7;
    public static final int ENHANCE_YOUR_CALM = 0xb;

    private H2Frames() {
    }

    /** A frame: 9-byte header and payload. */
    public static byte[] frame(int type, int flags, int stream, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = payload.length;
        out.writeBytes(new byte[] {(byte) (n >>> 16), (byte) (n >>> 8), (byte) n, (byte) type, (byte) flags,
                (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8), (byte) stream});
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** The HPACK block of a request without the dynamic table (each block stands alone). */
    public static byte[] request(String method, String path) throws Http2Exception {
        ByteBuf block = Unpooled.buffer();
        new DefaultHttp2HeadersEncoder().encodeHeaders(1, new DefaultHttp2Headers().method(method).scheme("http")
                .path(path).authority("orders.internal"), block);
        return ByteBufUtil.getBytes(block);
    }

    /** The client preface and an empty SETTINGS frame (never acknowledging the server's), then {@code frames}. */
    public static byte[] preface(byte[]... frames) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(ByteBufUtil.getBytes(Http2CodecUtil.connectionPrefaceBuf()));
        bytes.writeBytes(frame(SETTINGS, 0, 0, new byte[0]));
        for (byte[] f : frames) {
            bytes.writeBytes(f);
        }
        return bytes.toByteArray();
    }

    /** The frames in {@code bytes} of a type, as their payloads (a frame cut off at the end is left out). */
    public static List<byte[]> framesOf(byte[] bytes, int type) {
        List<byte[]> found = new ArrayList<>();
        for (int i = 0; i + 9 <= bytes.length; ) {
            int n = (bytes[i] & 0xff) << 16 | (bytes[i + 1] & 0xff) << 8 | bytes[i + 2] & 0xff;
            if (i + 9 + n > bytes.length) {
                break;
            }
            if ((bytes[i + 3] & 0xff) == type) {
                found.add(Arrays.copyOfRange(bytes, i + 9, i + 9 + n));
            }
            i += 9 + n;
        }
        return found;
    }

    /** The error code of the GOAWAY the server sent, or -1 without one. */
    public static int goAwayError(byte[] bytes) {
        List<byte[]> goAways = framesOf(bytes, GOAWAY);
        if (goAways.isEmpty()) {
            return -1;
        }
        byte[] p = goAways.get(goAways.size() - 1);
        return (p[4] & 0xff) << 24 | (p[5] & 0xff) << 16 | (p[6] & 0xff) << 8 | p[7] & 0xff;
    }

    /**
     * The response statuses the server sent, by stream, in order: every HEADERS block is decoded with one HPACK
     * decoder, as a client would (the server's encoder uses its dynamic table). Blocks continued in CONTINUATION
     * frames and padded or prioritized HEADERS are not expected from the gateway.
     */
    public static Map<Integer, String> statuses(byte[] bytes) throws Http2Exception {
        Map<Integer, String> statuses = new LinkedHashMap<>();
        DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false);
        for (int i = 0; i + 9 <= bytes.length; ) {
            int n = (bytes[i] & 0xff) << 16 | (bytes[i + 1] & 0xff) << 8 | bytes[i + 2] & 0xff;
            if (i + 9 + n > bytes.length) {
                break;
            }
            if ((bytes[i + 3] & 0xff) == HEADERS) {
                int stream = (bytes[i + 5] & 0x7f) << 24 | (bytes[i + 6] & 0xff) << 16 | (bytes[i + 7] & 0xff) << 8
                        | bytes[i + 8] & 0xff;
                CharSequence status = decoder.decodeHeaders(stream, Unpooled.wrappedBuffer(bytes, i + 9, n)).status();
                statuses.putIfAbsent(stream, status == null ? "trailers" : status.toString());
            }
            i += 9 + n;
        }
        return statuses;
    }
}
