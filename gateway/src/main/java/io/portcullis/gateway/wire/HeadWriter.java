package io.portcullis.gateway.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes the parts of HTTP/1.1 heads and chunked bodies into buffers: header lines, line ends, chunk-size lines.
 *
 * <p>Design: static helpers over a caller's buffer, so a head is built in one buffer with no intermediate
 * strings; {@link AsciiString} values are copied as arrays, other character sequences byte by byte (they come
 * from decoded HTTP/2 heads, which admit only field characters).
 */
public final class HeadWriter {

    /** {@code CRLF}, for the end of a head or a chunk. Shared and unreleasable: write {@code duplicate()}s. */
    public static final ByteBuf CRLF = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(2).writeByte('\r').writeByte('\n')).asReadOnly();
    /** The last chunk and an empty trailer section. */
    public static final ByteBuf LAST_CHUNK = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(5).writeBytes(new byte[] {'0', '\r', '\n', '\r', '\n'})).asReadOnly();

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final short CRLF_SHORT = ('\r' << 8) | '\n';
    private static final short COLON_SPACE = (':' << 8) | ' ';

    private HeadWriter() {}

    /** Appends {@code name: value CRLF}. */
    public static void header(ByteBuf out, CharSequence name, CharSequence value) {
        ascii(out, name);
        out.writeShort(COLON_SPACE);
        ascii(out, value);
        out.writeShort(CRLF_SHORT);
    }

    /** Appends every header of a decoded head, in order. */
    public static void headers(ByteBuf out, HttpHeaders headers) {
        Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence();
        while (it.hasNext()) {
            Map.Entry<CharSequence, CharSequence> header = it.next();
            header(out, header.getKey(), header.getValue());
        }
    }

    /** Appends {@code CRLF}. */
    public static void crlf(ByteBuf out) {
        out.writeShort(CRLF_SHORT);
    }

    /** Appends characters that are all ASCII (names, values, targets already checked by a parser). */
    public static void ascii(ByteBuf out, CharSequence s) {
        if (s instanceof AsciiString ascii) {
            out.writeBytes(ascii.array(), ascii.arrayOffset(), ascii.length());
        } else {
            ByteBufUtil.writeAscii(out, s);
        }
    }

    /** Appends a decimal number. */
    public static void decimal(ByteBuf out, long n) {
        if (n < 10) {
            out.writeByte('0' + (int) n);
            return;
        }
        ascii(out, Long.toString(n));
    }

    /** Appends the chunk-size line for a chunk of {@code size} bytes: hexadecimal digits and {@code CRLF}. */
    public static void chunkSize(ByteBuf out, long size) {
        int digits = Math.max(1, (64 - Long.numberOfLeadingZeros(size) + 3) / 4);
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.writeByte(HEX[(int) (size >>> shift) & 0xf]);
        }
        out.writeShort(CRLF_SHORT);
    }
}
