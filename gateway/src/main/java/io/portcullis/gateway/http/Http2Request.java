package io.portcullis.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.portcullis.gateway.wire.HeadChars;
import io.portcullis.gateway.wire.HeaderNameSet;
import java.util.List;

/**
 * An HTTP/2 request head, as Netty's stream codec decoded it into an {@link HttpRequest}; its headers are the
 * stage's own and are rewritten in place for the upstream.
 */
final class Http2Request implements ClientRequest {

    private final HttpRequest request;
    private final long contentLength;
    private final boolean hasBody;

    /**
     * Takes a converted HTTP/2 head that {@link #fitForHttp1} accepted.
     *
     * @throws NumberFormatException when Content-Length is not a number
     */
    Http2Request(HttpRequest request) {
        this.request = request;
        this.contentLength = HttpUtil.getContentLength(request, -1L);
        this.hasBody = contentLength > 0 || HttpUtil.isTransferEncodingChunked(request);
    }

    /**
     * Fits a converted HTTP/2 head for an HTTP/1.1 upstream, or says why it cannot be: a Host field that names
     * another authority than {@code :authority} (the conversion would send both, and upstreams disagree on which
     * one counts), or a Host with a character a host cannot have, is refused; a Host the conversion repeated is
     * kept once, and the cookie fields HTTP/2 allows to be split are joined into one (RFC 9113 section 8.2.3).
     * Returns the refusal's detail, or null.
     */
    static String fitForHttp1(HttpRequest request) {
        HttpHeaders headers = request.headers();
        List<String> hosts = headers.getAll(HttpHeaderNames.HOST);
        for (String host : hosts) {
            if (!host.equalsIgnoreCase(hosts.get(0))) {
                return "Host conflicts with :authority";
            }
            if (!HeadChars.isHost(host)) {
                return "Host or :authority has a character not allowed in a host";
            }
        }
        if (hosts.size() > 1) {
            headers.set(HttpHeaderNames.HOST, hosts.get(0));
        }
        List<String> cookies = headers.getAll(HttpHeaderNames.COOKIE);
        if (cookies.size() > 1) {
            headers.set(HttpHeaderNames.COOKIE, String.join("; ", cookies));
        }
        return null;
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
    public int count(HeaderNameSet names) {
        int n = 0;
        for (java.util.Iterator<java.util.Map.Entry<CharSequence, CharSequence>> it = request.headers()
                .iteratorCharSequence(); it.hasNext(); ) {
            if (names.contains(it.next().getKey())) {
                n++;
            }
        }
        return n;
    }

    @Override
    public ByteBuf writeUpstreamHead(ByteBufAllocator alloc, String target, UpstreamHeadValues values) {
        HttpHeaders headers = request.headers();
        ForwardingHeaders.stripHopByHop(headers);
        for (CharSequence name : ForwardingHeaders.HTTP2_CONVERSION_NAMES) {
            headers.remove(name); // the conversion's own headers, or a client's imitation of them
        }
        if (!values.stripped().isEmpty()) {
            List<CharSequence> names = new java.util.ArrayList<>(2);
            headers.iteratorCharSequence().forEachRemaining(h -> {
                if (values.stripped().contains(h.getKey())) {
                    names.add(h.getKey());
                }
            });
            names.forEach(headers::remove);
        }
        ForwardingHeaders.setForwarded(headers, values.forwarded());
        values.added().forEach(h -> headers.set(h.getKey(), h.getValue()));
        headers.set(ForwardingHeaders.REQUEST_ID, values.requestId());
        if (!headers.contains(HttpHeaderNames.HOST)) {
            headers.set(HttpHeaderNames.HOST, values.defaultHost());
        }
        // The framing is the gateway's: the codec checked any content-length against the DATA frames.
        headers.remove(HttpHeaderNames.CONTENT_LENGTH);
        if (chunkedUpstream()) {
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        } else if (contentLength >= 0) {
            headers.set(HttpHeaderNames.CONTENT_LENGTH, contentLength);
        }
        return Http1Wire.request(alloc, request.method(), target, headers);
    }
}
