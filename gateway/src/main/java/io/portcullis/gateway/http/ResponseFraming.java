package io.portcullis.gateway.http;

import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Re-frames an upstream response head for the client: hop-by-hop headers removed, then the body framing the
 * client's protocol needs (the length when the upstream gave one, else chunked for HTTP/1.1 and close-delimited
 * for HTTP/1.0; HTTP/2 frames bodies itself).
 */
final class ResponseFraming {

    /** How the client spoke. */
    enum ClientProtocol { HTTP_1_0, HTTP_1_1, HTTP_2 }

    private ResponseFraming() {}

    /** The response head for the client: the decoded upstream head, rewritten in place (it is not used again). */
    static HttpResponse forClient(HttpResponse upstream, HttpMethod method, ClientProtocol protocol, boolean keepAlive) {
        // A full response also carries its body, which the exchange relays as a part of its own.
        HttpResponse out = upstream instanceof FullHttpResponse
                ? new DefaultHttpResponse(HttpVersion.HTTP_1_1, upstream.status(), upstream.headers())
                : upstream.setProtocolVersion(HttpVersion.HTTP_1_1);
        ForwardingHeaders.stripHopByHop(out.headers());
        if (protocol == ClientProtocol.HTTP_2) {
            return out;
        }
        int status = upstream.status().code();
        boolean mayHaveBody = !HttpMethod.HEAD.equals(method) && status != 204 && status != 304;
        if (mayHaveBody && !HttpUtil.isContentLengthSet(out) && protocol == ClientProtocol.HTTP_1_1) {
            HttpUtil.setTransferEncodingChunked(out, true);
        }
        if (!keepAlive) {
            out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return out;
    }
}
