package io.portcullis.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.portcullis.gateway.wire.HeaderNameSet;
import java.util.Iterator;
import java.util.Map;

/**
 * A request head described rather than received ({@link RequestChain}): a method, a target and headers, with no
 * body and no connection behind it. It is decided, never forwarded.
 */
final class DescribedRequest implements ClientRequest {

    private final HttpMethod method;
    private final String uri;
    private final String protocol;
    private final HttpHeaders headers;

    DescribedRequest(HttpMethod method, String uri, String protocol, HttpHeaders headers) {
        this.method = method;
        this.uri = uri;
        this.protocol = protocol;
        this.headers = headers;
    }

    @Override
    public HttpMethod method() {
        return method;
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public HttpHeaders headers() {
        return headers;
    }

    @Override
    public long contentLength() {
        String length = headers.get("Content-Length");
        return length == null ? -1 : Long.parseLong(length.strip());
    }

    @Override
    public int count(HeaderNameSet names) {
        int n = 0;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence(); it.hasNext(); ) {
            if (names.contains(it.next().getKey())) {
                n++;
            }
        }
        return n;
    }

    @Override
    public boolean hasBody() {
        return contentLength() > 0;
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
        throw new IllegalStateException("a described request is decided, never forwarded");
    }
}
