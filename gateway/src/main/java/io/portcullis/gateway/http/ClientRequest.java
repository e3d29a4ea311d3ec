package io.portcullis.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.portcullis.gateway.auth.HeaderLookup;
import io.portcullis.gateway.wire.HeaderNameSet;

/**
 * A client's request head as the proxy stage sees it, whichever protocol carried it: an HTTP/1.x head kept as
 * bytes ({@link Http1Request}) or an HTTP/2 head decoded by Netty ({@link Http2Request}).
 *
 * <p>Design: the checks read only what they need (method, target, the framing facts); the decoded header map is
 * built on demand, for an authorizer that reads headers; and the head sent upstream is written by the request
 * itself ({@link #writeUpstreamHead}), from its bytes when it has them.
 */
interface ClientRequest {

    HttpMethod method();

    /** The request target as sent. */
    String uri();

    /** {@code HTTP/1.0}, {@code HTTP/1.1} or {@code HTTP/2}. */
    String protocol();

    /** The headers as a map (built on first use for an HTTP/1.x head). */
    HttpHeaders headers();

    /** Lookups by name for the authorizer: over {@link #headers()}, unless the request answers them from its bytes. */
    default HeaderLookup headerLookup() {
        return HeaderLookup.of(headers());
    }

    /** The declared Content-Length, or -1 when there is none. */
    long contentLength();

    /** How many header fields the request has whose name is in {@code names}. */
    int count(HeaderNameSet names);

    /** Whether a body follows: a positive length, or one of unknown length. */
    boolean hasBody();

    /** Whether the client keeps the connection open after this exchange (always for HTTP/2). */
    boolean keepAlive();

    /** Whether an HTTP/1.1 client waits for {@code 100 Continue} before its body. */
    boolean expectsContinue();

    /**
     * The head for the upstream, in HTTP/1.1: {@code target}, {@code Host} (the client's, else the upstream's),
     * the client's end-to-end headers without any hop-by-hop, framing, forwarding or stripped credential header,
     * then the framing the gateway decided (chunked when the body's length is unknown, else the length as a plain
     * decimal), the gateway's forwarding headers and the request id.
     */
    ByteBuf writeUpstreamHead(ByteBufAllocator alloc, String target, UpstreamHeadValues values);

    /** Whether the body goes upstream chunked (a body of unknown length). */
    default boolean chunkedUpstream() {
        return hasBody() && contentLength() < 0;
    }
}
