package io.portcullis.gateway.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.portcullis.gateway.wire.HeaderNameSet;
import java.nio.charset.StandardCharsets;

/**
 * An upstream response head as it arrived: the status line and header lines kept as bytes, with the positions of
 * each header's name and value, and the framing facts the parser derived from them.
 *
 * <p>Design: the head is relayed to an HTTP/1.1 client line by line ({@link #writeHeader}), so its headers are
 * never decoded into a map; {@link #toHttpResponse()} builds Netty's object only for a client that needs one
 * (HTTP/2). Values were checked by the parser (field characters only, no line ends), so a relayed line cannot
 * split the response. Owned by the event loop that parsed it; not shared.
 */
public final class ResponseHead {

    private static final byte[] CLOSE = "close".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEP_ALIVE = "keep-alive".getBytes(StandardCharsets.US_ASCII);

    private static final int CLOSE_TOKEN = 1;
    private static final int KEEP_ALIVE_TOKEN = 2;
    private static final int OTHER_TOKEN = 4;
    private static final int MATCH = 8;

    private final byte[] bytes;
    private final int status;
    private final int reasonStart;
    private final int reasonEnd;
    private final boolean http10;
    private final int[] fields; // per header: name start, name end, value start, value end
    private final int count;
    private final long contentLength;
    private final boolean chunked;
    private final boolean connectionClose;
    private final boolean connectionKeepAlive;
    private final boolean namesOthers;

    ResponseHead(byte[] bytes, int status, int reasonStart, int reasonEnd, boolean http10, int[] fields, int count,
                 long contentLength, boolean chunked) {
        this.bytes = bytes;
        this.status = status;
        this.reasonStart = reasonStart;
        this.reasonEnd = reasonEnd;
        this.http10 = http10;
        this.fields = fields;
        this.count = count;
        this.contentLength = contentLength;
        this.chunked = chunked;
        int flags = 0;
        for (int i = 0; i < count; i++) {
            if (nameIs(i, UpstreamHeaders.CONNECTION)) {
                flags |= connectionTokens(i, -1, 0);
            }
        }
        boolean close = (flags & CLOSE_TOKEN) != 0;
        boolean keepAlive = (flags & KEEP_ALIVE_TOKEN) != 0;
        boolean others = (flags & OTHER_TOKEN) != 0;
        this.connectionClose = close;
        this.connectionKeepAlive = keepAlive;
        this.namesOthers = others;
    }

    /** The status code. */
    public int status() {
        return status;
    }

    /** A 1xx head, which a final response follows. */
    public boolean informational() {
        return status < 200;
    }

    /** The upstream spoke HTTP/1.0. */
    public boolean http10() {
        return http10;
    }

    /** Whether the upstream keeps the connection open after this response (as far as its head says). */
    public boolean keepAlive() {
        return http10 ? connectionKeepAlive && !connectionClose : !connectionClose;
    }

    /** The declared Content-Length, or -1. */
    public long contentLength() {
        return contentLength;
    }

    /** Whether the body came chunked. */
    public boolean chunked() {
        return chunked;
    }

    /** The number of header lines. */
    public int headerCount() {
        return count;
    }

    /** Whether header {@code i}'s name is {@code lowerName} (ignoring case). */
    public boolean nameIs(int i, byte[] lowerName) {
        int start = fields[4 * i];
        return fields[4 * i + 1] - start == lowerName.length && HeaderNameSet.equalsLowerCase(bytes, start, lowerName);
    }

    /** Whether header {@code i}'s name is in {@code names}. */
    public boolean nameIn(int i, HeaderNameSet names) {
        int start = fields[4 * i];
        return names.contains(bytes, start, fields[4 * i + 1] - start);
    }

    /**
     * Whether header {@code i} is named by a {@code Connection} header (other than {@code close} and
     * {@code keep-alive}), which makes it hop-by-hop.
     */
    public boolean namedByConnection(int i) {
        if (!namesOthers) {
            return false;
        }
        int start = fields[4 * i];
        int length = fields[4 * i + 1] - start;
        for (int c = 0; c < count; c++) {
            if (nameIs(c, UpstreamHeaders.CONNECTION) && (connectionTokens(c, start, length) & MATCH) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Appends header {@code i} as {@code name: value CRLF}. */
    public void writeHeader(int i, ByteBuf out) {
        int nameStart = fields[4 * i];
        int valueStart = fields[4 * i + 2];
        out.writeBytes(bytes, nameStart, fields[4 * i + 1] - nameStart);
        out.writeByte(':').writeByte(' ');
        out.writeBytes(bytes, valueStart, fields[4 * i + 3] - valueStart);
        out.writeByte('\r').writeByte('\n');
    }

    /** Appends the reason phrase as it arrived (possibly empty). */
    public void writeReason(ByteBuf out) {
        out.writeBytes(bytes, reasonStart, reasonEnd - reasonStart);
    }

    /** The head as Netty's response object (for clients that need one), with the upstream's version. */
    public HttpResponse toHttpResponse() {
        DefaultHttpHeaders headers = new DefaultHttpHeaders(false);
        for (int i = 0; i < count; i++) {
            int nameStart = fields[4 * i];
            int valueStart = fields[4 * i + 2];
            headers.add(new AsciiString(bytes, nameStart, fields[4 * i + 1] - nameStart, true),
                    new AsciiString(bytes, valueStart, fields[4 * i + 3] - valueStart, true));
        }
        HttpResponseStatus responseStatus = reasonEnd > reasonStart
                ? new HttpResponseStatus(status, new String(bytes, reasonStart, reasonEnd - reasonStart,
                        StandardCharsets.ISO_8859_1))
                : HttpResponseStatus.valueOf(status);
        return new DefaultHttpResponse(http10 ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1, responseStatus, headers);
    }

    private boolean equalsIgnoreCase(int a, int b, int length) {
        for (int i = 0; i < length; i++) {
            if (lower(bytes[a + i]) != lower(bytes[b + i])) {
                return false;
            }
        }
        return true;
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    /**
     * Which kinds of token a {@code Connection} header's value lists, as flags, with {@link #MATCH} when one
     * equals the name at {@code [nameStart, nameStart + nameLength)} (ignoring case); allocates nothing.
     */
    private int connectionTokens(int i, int nameStart, int nameLength) {
        int flags = 0;
        int from = fields[4 * i + 2];
        int end = fields[4 * i + 3];
        while (from <= end) {
            int comma = from;
            while (comma < end && bytes[comma] != ',') {
                comma++;
            }
            int s = from;
            int e = comma;
            while (s < e && (bytes[s] == ' ' || bytes[s] == '\t')) {
                s++;
            }
            while (e > s && (bytes[e - 1] == ' ' || bytes[e - 1] == '\t')) {
                e--;
            }
            if (e - s == CLOSE.length && HeaderNameSet.equalsLowerCase(bytes, s, CLOSE)) {
                flags |= CLOSE_TOKEN;
            } else if (e - s == KEEP_ALIVE.length && HeaderNameSet.equalsLowerCase(bytes, s, KEEP_ALIVE)) {
                flags |= KEEP_ALIVE_TOKEN;
            } else if (e > s) {
                flags |= OTHER_TOKEN;
                if (e - s == nameLength && equalsIgnoreCase(s, nameStart, nameLength)) {
                    flags |= MATCH;
                }
            }
            from = comma + 1;
        }
        return flags;
    }

}
