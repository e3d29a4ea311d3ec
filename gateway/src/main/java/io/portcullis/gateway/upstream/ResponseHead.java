package io.portcullis.gateway.upstream;

import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.portcullis.gateway.wire.HeadWriter;
import io.portcullis.gateway.wire.HeaderBlock;
import java.nio.charset.StandardCharsets;

/**
 * An upstream response head as it arrived: the status line's parts, the header lines as a {@link HeaderBlock},
 * and the framing facts the parser derived from them.
 *
 * <p>Design: the head is relayed to an HTTP/1.1 client line by line, so its headers are never decoded into a
 * map; {@link #toHttpResponse()} builds Netty's object only for a client that needs one (HTTP/2). The head
 * shares the parser's buffers and is valid only while {@link UpstreamListener#onUpstreamHead} runs: a listener
 * writes or converts it there and keeps nothing of it.
 */
public final class ResponseHead {

    private final byte[] bytes;
    private final int status;
    private final int reasonStart;
    private final int reasonEnd;
    private final boolean http10;
    private final HeaderBlock headers;
    private final long contentLength;
    private final boolean chunked;

    ResponseHead(byte[] bytes, int status, int reasonStart, int reasonEnd, boolean http10, HeaderBlock headers,
                 long contentLength, boolean chunked) {
        this.bytes = bytes;
        this.status = status;
        this.reasonStart = reasonStart;
        this.reasonEnd = reasonEnd;
        this.http10 = http10;
        this.headers = headers;
        this.contentLength = contentLength;
        this.chunked = chunked;
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
        return http10 ? headers.connectionKeepAlive() && !headers.connectionClose() : !headers.connectionClose();
    }

    /** The declared Content-Length, or -1. */
    public long contentLength() {
        return contentLength;
    }

    /** Whether the body came chunked. */
    public boolean chunked() {
        return chunked;
    }

    /** The header lines. */
    public HeaderBlock headers() {
        return headers;
    }

    /** Appends the reason phrase as it arrived (possibly empty). */
    public void writeReason(HeadWriter out) {
        out.bytes(bytes, reasonStart, reasonEnd - reasonStart);
    }

    /** The head as Netty's response object (for clients that need one), with the upstream's version. */
    public HttpResponse toHttpResponse() {
        HttpResponseStatus responseStatus = reasonEnd > reasonStart
                ? new HttpResponseStatus(status, new String(bytes, reasonStart, reasonEnd - reasonStart,
                        StandardCharsets.ISO_8859_1))
                : HttpResponseStatus.valueOf(status);
        return new DefaultHttpResponse(http10 ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1, responseStatus,
                headers.toHttpHeaders());
    }
}
