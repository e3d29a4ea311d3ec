package io.portcullis.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/**
 * An HTTP/2 request head, as Netty's stream codec decoded it into an {@link HttpRequest}; its headers are the
 * stage's own and are rewritten in place for the upstream.
 */
final class Http2Request implements ClientRequest {

    private final HttpRequest request;
    private final long contentLength;
    private final boolean hasBody;

    /** @throws NumberFormatException when Content-Length is not a number */
    Http2Request(HttpRequest request) {
        this.request = request;
        this.contentLength = HttpUtil.getContentLength(request, -1L);
        this.hasBody = contentLength > 0 || HttpUtil.isTransferEncodingChunked(request);
    }

    @Override
    public HttpMethod method() {
        return request.method();
    }

    @Override
    public String uri() {
        return request.uri();
    }

    @Override
    public String protocol() {
        return "HTTP/2";
    }

    @Override
    public HttpHeaders headers() {
        return request.headers();
    }

    @Override
    public long contentLength() {
        return contentLength;
    }

    @Override
    public boolean hasBody() {
        return hasBody;
    }

    @Override
    public boolean keepAlive() {
        return true;
    }

    @Override
    public boolean expectsContinue() {
        return false;
    }

    @Override
    public ByteBuf writeUpstreamHead(ByteBufAllocator alloc, String target, UpstreamHeadValues values) {
        HttpHeaders headers = request.headers();
        ForwardingHeaders.stripHopByHop(headers);
        for (CharSequence name : ForwardingHeaders.HTTP2_CONVERSION_NAMES) {
            headers.remove(name); // the conversion's own headers, or a client's imitation of them
        }
        ForwardingHeaders.setForwarded(headers, values.forwarded());
        headers.set(ForwardingHeaders.REQUEST_ID, values.requestId());
        if (!headers.contains(HttpHeaderNames.HOST)) {
            headers.set(HttpHeaderNames.HOST, values.defaultHost());
        }
        if (chunkedUpstream()) {
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        return Http1Wire.request(alloc, request.method(), target, headers);
    }
}
