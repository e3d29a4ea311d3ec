package io.portcullis.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.portcullis.gateway.limit.RateLimitHeaders;
import io.portcullis.gateway.upstream.ResponseHead;
import io.portcullis.gateway.wire.HeadWriter;
import io.portcullis.gateway.wire.HeaderBlock;
import io.portcullis.gateway.wire.HeaderNameSet;

/**
 * Re-frames an upstream response head for the client: hop-by-hop headers removed, then the body framing the
 * client's protocol needs (the length when the upstream gave one, else chunked for HTTP/1.1 and close-delimited
 * for HTTP/1.0; HTTP/2 frames bodies itself). For an HTTP/1.x client the head is written straight from the
 * upstream's bytes ({@link #http1Head}); an HTTP/2 client gets Netty's response object ({@link #forHttp2Client}).
 */
final class ResponseFraming {

    /** How the client spoke. */
    enum ClientProtocol { HTTP_1_0, HTTP_1_1, HTTP_2 }

    /** How the body of a response to an HTTP/1.x client is delimited. */
    enum Http1Body { NONE, LENGTH, CHUNKED, UNTIL_CLOSE }

    /**
     * Dropped from every relayed response head: hop-by-hop headers, the id the gateway sets itself, and
     * {@code Content-Length}, which the gateway writes from the parser's reading of the head, so that a
     * {@code Connection} token naming it, or a spelling such as {@code 007}, cannot unframe the response.
     */
    private static final HeaderNameSet DROPPED = ForwardingHeaders.HOP_BY_HOP_SET.with(
            ForwardingHeaders.REQUEST_ID, HttpHeaderNames.CONTENT_LENGTH);
    /** Replaced when the gateway reports a rate limit of its own. */
    private static final HeaderNameSet RATE_LIMIT = HeaderNameSet.of(RateLimitHeaders.POLICY_HEADER,
            RateLimitHeaders.STATE_HEADER);
    private static final AsciiString KEEP_ALIVE = AsciiString.cached("keep-alive");

    private ResponseFraming() {}

    /** The framing of the body an HTTP/1.x client gets for this upstream head. */
    static Http1Body http1Body(ResponseHead upstream, HttpMethod method, ClientProtocol protocol) {
        int status = upstream.status();
        if (HttpMethod.HEAD.equals(method) || status == 204 || status == 304) {
            return Http1Body.NONE;
        }
        if (!upstream.chunked() && upstream.contentLength() >= 0) {
            return Http1Body.LENGTH;
        }
        return protocol == ClientProtocol.HTTP_1_1 ? Http1Body.CHUNKED : Http1Body.UNTIL_CLOSE;
    }

    /**
     * The response head for an HTTP/1.x client, written from the upstream head's bytes: the upstream's status
     * and reason, its headers less the hop-by-hop ones (and those the gateway replaces), then the framing and
     * connection headers for the client, the request id and any rate limit.
     */
    static ByteBuf http1Head(ByteBufAllocator alloc, ResponseHead upstream, Http1Body body, boolean keepAlive,
                             ClientProtocol protocol, RequestRecord record) {
        HeadWriter out = HeadWriter.scratch().statusLineStart(upstream.status());
        upstream.writeReason(out);
        out.crlf();
        boolean rateLimited = record.reportsRateLimit();
        HeaderBlock headers = upstream.headers();
        HeaderNameSet removed = record.api.responseRemoved();
        for (int i = 0, n = headers.size(); i < n; i++) {
            if (!headers.nameIn(i, DROPPED) && !(rateLimited && headers.nameIn(i, RATE_LIMIT))
                    && !headers.namedByConnection(i) && !headers.nameIn(i, removed)) {
                headers.write(i, out);
            }
        }
        record.api.settings().headers().responseSet().forEach(out::header);
        long length = declaredLength(upstream, body);
        if (body == Http1Body.CHUNKED) {
            out.header(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        } else if (length >= 0) {
            out.ascii(HttpHeaderNames.CONTENT_LENGTH).put(':').put(' ').decimal(length).crlf();
        }
        if (!keepAlive) {
            out.header(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (protocol == ClientProtocol.HTTP_1_0) {
            out.header(HttpHeaderNames.CONNECTION, KEEP_ALIVE);
        }
        record.decorate(out);
        return out.crlf().toBuffer(alloc);
    }

    /**
     * The Content-Length to tell the client: the upstream's (as the parser read it) when the body is delimited by
     * it, or when there is no body but the head describes one (a response to HEAD, a 304); else -1.
     */
    private static long declaredLength(ResponseHead upstream, Http1Body body) {
        return switch (body) {
            case LENGTH -> upstream.contentLength();
            case NONE -> upstream.status() == 204 || upstream.chunked() ? -1 : upstream.contentLength();
            case CHUNKED, UNTIL_CLOSE -> -1;
        };
    }

    /**
     * The response head for an HTTP/2 client: the decoded upstream head without hop-by-hop headers, and the
     * upstream's Content-Length as the parser read it (HTTP/2 delimits the body itself; the length is kept as
     * the upstream declared it, also for HEAD and 304).
     */
    static HttpResponse forHttp2Client(ResponseHead upstream, HttpMethod method, ApiRuntime api) {
        HttpResponse out = upstream.toHttpResponse().setProtocolVersion(HttpVersion.HTTP_1_1);
        ForwardingHeaders.stripHopByHop(out.headers());
        api.settings().headers().responseRemove().forEach(out.headers()::remove);
        api.settings().headers().responseSet().forEach(out.headers()::set);
        out.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
        long length = declaredLength(upstream, http1Body(upstream, method, ClientProtocol.HTTP_1_1));
        if (length >= 0) {
            out.headers().set(HttpHeaderNames.CONTENT_LENGTH, length);
        }
        return out;
    }
}
