package io.portcullis.gateway.http;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;

/**
 * A request head as a {@link RequestChain} decides it: one the proxy stage received, lent to a
 * {@link io.portcullis.gateway.observe.DecisionShadow} for the length of one call, or one described by hand
 * ({@link #described}, for {@code explain}).
 *
 * <p>Design: a received HTTP/1.1 head stays the bytes it arrived as; the chain's authorizer reads the headers it
 * needs from them, as the live decision did, and the header map is decoded only if {@link #headers} is asked (a
 * shadow that samples a difference). A received head must not be kept beyond the call it was lent for: its
 * buffers belong to the connection.
 */
public final class RequestHead {

    final ClientRequest request;

    RequestHead(ClientRequest request) {
        this.request = request;
    }

    /** A head described rather than received: decided, never forwarded. */
    public static RequestHead described(String method, String target, String protocol, HttpHeaders headers) {
        return new RequestHead(new DescribedRequest(HttpMethod.valueOf(requireNonNull(method, "method")),
                requireNonNull(target, "target"), requireNonNull(protocol, "protocol"), requireNonNull(headers, "headers")));
    }

    public String method() {
        return request.method().name();
    }

    /** The request target as sent (the chain normalizes it as the gateway does). */
    public String target() {
        return request.uri();
    }

    /** {@code HTTP/1.0}, {@code HTTP/1.1} or {@code HTTP/2}. */
    public String protocol() {
        return request.protocol();
    }

    /** The headers as a map: decoded on first use for a received HTTP/1.1 head; copy them to keep them. */
    public HttpHeaders headers() {
        return request.headers();
    }
}
