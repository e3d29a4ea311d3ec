package io.portcullis.bench.abuse;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/2 frames as bytes (RFC 9113 section 4.1: 24-bit length, type, flags, 31-bit stream id, payload), written
 * by hand so that an attack can send what a conforming client never would: streams past the advertised limit,
 * endless CONTINUATION, 1-byte DATA, HEADERS immediately reset. Request header blocks are HPACK (RFC 7541)
 * indexed fields and literals without indexing, no Huffman coding and no dynamic table, so one block can be
 * sent on any number of streams and connections.
 */
final class H2Wire {

    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    static final int FRAME_HEADER = 9;

    static final int DATA = 0x0;
    static final int HEADERS = 0x1;
    static final int RST_STREAM = 0x3;
    static final int SETTINGS = 0x4;
    static final int PING = 0x6;
    static final int GOAWAY = 0x7;
    static final int WINDOW_UPDATE = 0x8;
    static final int CONTINUATION = 0x9;

    static final int FLAG_END_STREAM = 0x1;
    static final int FLAG_ACK = 0x1;
    static final int FLAG_END_HEADERS = 0x4;
    static final int FLAG_PADDED = 0x8;
    static final int FLAG_PRIORITY = 0x20;

    static final int SETTINGS_ENABLE_PUSH = 0x2;
    static final int SETTINGS_MAX_CONCURRENT_STREAMS = 0x3;
    static final int SETTINGS_INITIAL_WINDOW_SIZE = 0x4;

    static final int CANCEL = 0x8;

    private static final String[] ERRORS = {"NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR", "FLOW_CONTROL_ERROR",
        "SETTINGS_TIMEOUT", "STREAM_CLOSED", "FRAME_SIZE_ERROR", "REFUSED_STREAM", "CANCEL", "COMPRESSION_ERROR",
        "CONNECT_ERROR", "ENHANCE_YOUR_CALM", "INADEQUATE_SECURITY", "HTTP_1_1_REQUIRED"};

    private H2Wire() {}

    static void frameHeader(ByteBuf b, int length, int type, int flags, int streamId) {
        b.writeMedium(length);
        b.writeByte(type);
        b.writeByte(flags);
        b.writeInt(streamId & 0x7fffffff);
    }

    /** A SETTINGS frame with the given (identifier, value) pairs. */
    static void settings(ByteBuf b, int... pairs) {
        frameHeader(b, pairs.length / 2 * 6, SETTINGS, 0, 0);
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            b.writeShort(pairs[i]);
            b.writeInt(pairs[i + 1]);
        }
    }

    static void settingsAck(ByteBuf b) {
        frameHeader(b, 0, SETTINGS, FLAG_ACK, 0);
    }

    static void windowUpdate(ByteBuf b, int streamId, int increment) {
        frameHeader(b, 4, WINDOW_UPDATE, 0, streamId);
        b.writeInt(increment);
    }

    static void headers(ByteBuf b, int streamId, byte[] block, int flags) {
        frameHeader(b, block.length, HEADERS, flags, streamId);
        b.writeBytes(block);
    }

    /** An empty CONTINUATION frame: 9 bytes that keep a header block open without adding to it. */
    static void emptyContinuation(ByteBuf b, int streamId) {
        frameHeader(b, 0, CONTINUATION, 0, streamId);
    }

    /** A DATA frame carrying one byte. */
    static void dataByte(ByteBuf b, int streamId) {
        frameHeader(b, 1, DATA, 0, streamId);
        b.writeByte('x');
    }

    static void rstStream(ByteBuf b, int streamId, int errorCode) {
        frameHeader(b, 4, RST_STREAM, 0, streamId);
        b.writeInt(errorCode);
    }

    static void ping(ByteBuf b, long payload, boolean ack) {
        frameHeader(b, 8, PING, ack ? FLAG_ACK : 0, 0);
        b.writeLong(payload);
    }

    static String errorName(long code) {
        return code >= 0 && code < ERRORS.length ? ERRORS[(int) code] : "0x" + Long.toHexString(code);
    }

    /**
     * The header block of a request: {@code :method} and {@code :scheme http} from the static table,
     * {@code :path} and {@code :authority} as literals without indexing with an indexed name, and for a POST
     * {@code content-type: application/octet-stream} likewise.
     */
    static byte[] requestBlock(String method, String path, String authority) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(switch (method) {
            case "GET" -> 0x82;   // static index 2
            case "POST" -> 0x83;  // static index 3
            default -> throw new IllegalArgumentException("method: %s (expected: GET or POST)".formatted(method));
        });
        out.write(0x86);          // :scheme http, static index 6
        literal(out, 4, path);    // :path
        literal(out, 1, authority);
        if (method.equals("POST")) {
            literal(out, 31, "application/octet-stream"); // content-type
        }
        return out.toByteArray();
    }

    /** Literal header field without indexing, name from static table entry {@code nameIndex} (RFC 7541 6.2.2). */
    private static void literal(ByteArrayOutputStream out, int nameIndex, String value) {
        integer(out, 0x00, 4, nameIndex);
        byte[] v = value.getBytes(StandardCharsets.US_ASCII);
        integer(out, 0x00, 7, v.length); // H = 0: no Huffman coding
        out.writeBytes(v);
    }

    /** An HPACK integer with an N-bit prefix (RFC 7541 5.1). */
    private static void integer(ByteArrayOutputStream out, int high, int prefixBits, int value) {
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            out.write(high | value);
            return;
        }
        out.write(high | max);
        value -= max;
        while (value >= 128) {
            out.write((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }
}
