package io.portcullis.gateway.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * Builds an HTTP/1.1 head (or a chunk's framing) as bytes: lines from a head that arrived, header lines, line
 * ends, numbers; then {@link #toBuffer} copies the result into a buffer in one go.
 *
 * <p>Design: a head is assembled in a plain array and copied once, because a buffer checks its reference count
 * and bounds on every write, and a head is dozens of small writes. Each event loop reuses one writer
 * ({@link #scratch()}), so building a head allocates nothing but the buffer it ends in. A writer serves one
 * head at a time: take it, write, {@link #toBuffer}, with nothing in between that could take it again.
 */
public final class HeadWriter {

    /** {@code CRLF}, for the end of a chunk. Shared and unreleasable: write {@code duplicate()}s. */
    public static final ByteBuf CRLF = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(2).writeByte('\r').writeByte('\n')).asReadOnly();
    /** The last chunk and an empty trailer section. */
    public static final ByteBuf LAST_CHUNK = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(5).writeBytes(new byte[] {'0', '\r', '\n', '\r', '\n'})).asReadOnly();

    private static final byte[] HTTP_1_1_SP = {'H', 'T', 'T', 'P', '/', '1', '.', '1', ' '};
    private static final byte[] SP_HTTP_1_1 = {' ', 'H', 'T', 'T', 'P', '/', '1', '.', '1'};
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final FastThreadLocal<HeadWriter> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected HeadWriter initialValue() {
            return new HeadWriter();
        }
    };

    private byte[] bytes = new byte[1024];
    private int length;

    /** This thread's writer, emptied. */
    public static HeadWriter scratch() {
        HeadWriter writer = SCRATCH.get();
        writer.length = 0;
        return writer;
    }

    /** A writer of its own (for callers off the event loops, and tests). */
    public HeadWriter() {}

    /** The bytes written so far, copied into a new buffer of exactly that size. */
    public ByteBuf toBuffer(ByteBufAllocator alloc) {
        return alloc.buffer(length).writeBytes(bytes, 0, length);
    }

    /** Appends the bytes written so far to {@code out}. */
    public void writeTo(ByteBuf out) {
        out.writeBytes(bytes, 0, length);
    }

    /** The number of bytes written so far. */
    public int length() {
        return length;
    }

    /** Appends {@code src[from, from + n)}. */
    public HeadWriter bytes(byte[] src, int from, int n) {
        ensure(n);
        System.arraycopy(src, from, bytes, length, n);
        length += n;
        return this;
    }

    /** Appends one byte. */
    public HeadWriter put(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
        return this;
    }

    /** Appends characters that are all ASCII (names, values and targets a parser has checked). */
    public HeadWriter ascii(CharSequence s) {
        if (s instanceof AsciiString ascii) {
            return bytes(ascii.array(), ascii.arrayOffset(), ascii.length());
        }
        int n = s.length();
        ensure(n);
        byte[] b = bytes;
        int at = length;
        for (int i = 0; i < n; i++) {
            b[at + i] = (byte) s.charAt(i);
        }
        length = at + n;
        return this;
    }

    /** Appends the request line {@code method SP target SP HTTP/1.1 CRLF}. */
    public HeadWriter requestLine(CharSequence method, CharSequence target) {
        return ascii(method).put(' ').ascii(target).bytes(SP_HTTP_1_1, 0, SP_HTTP_1_1.length).crlf();
    }

    /** Appends the start of a status line, {@code HTTP/1.1 SP status SP}; the reason and {@code CRLF} follow. */
    public HeadWriter statusLineStart(int status) {
        return bytes(HTTP_1_1_SP, 0, HTTP_1_1_SP.length).decimal(status).put(' ');
    }

    /** Appends {@code name: value CRLF}. */
    public HeadWriter header(CharSequence name, CharSequence value) {
        return ascii(name).put(':').put(' ').ascii(value).crlf();
    }

    /** Appends every header of a decoded head, in order. */
    public HeadWriter headers(HttpHeaders headers) {
        Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence();
        while (it.hasNext()) {
            Map.Entry<CharSequence, CharSequence> header = it.next();
            header(header.getKey(), header.getValue());
        }
        return this;
    }

    /** Appends {@code CRLF}. */
    public HeadWriter crlf() {
        return put('\r').put('\n');
    }

    /** Appends a non-negative decimal number. */
    public HeadWriter decimal(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("n: " + n + " (expected: >= 0)");
        }
        int digits = 1;
        for (long rest = n / 10; rest > 0; rest /= 10) {
            digits++;
        }
        ensure(digits);
        long rest = n;
        for (int i = length + digits - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        length += digits;
        return this;
    }

    /** Appends the chunk-size line for a chunk of {@code size} bytes: hexadecimal digits and {@code CRLF}. */
    public HeadWriter chunkSize(long size) {
        int digits = Math.max(1, (64 - Long.numberOfLeadingZeros(size) + 3) / 4);
        ensure(digits);
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            bytes[length++] = HEX[(int) (size >>> shift) & 0xf];
        }
        return crlf();
    }

    private void ensure(int n) {
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + n, bytes.length * 2));
        }
    }
}
