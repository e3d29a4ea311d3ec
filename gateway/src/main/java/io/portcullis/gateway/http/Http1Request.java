package io.portcullis.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.portcullis.gateway.auth.HeaderLookup;
import io.portcullis.gateway.wire.HeadWriter;
import io.portcullis.gateway.wire.HeaderBlock;
import io.portcullis.gateway.wire.HeaderNameSet;
import java.util.List;

/**
 * An HTTP/1.x request head as the strict decoder ({@link Http1RequestDecoder}) accepted it: method, target,
 * version, the framing facts, and the header lines kept as bytes. Its body parts follow it down the pipeline as
 * {@link io.netty.handler.codec.http.HttpContent}s, the last a
 * {@link io.netty.handler.codec.http.LastHttpContent}.
 */
final class Http1Request implements ClientRequest {


    private final HttpMethod method;
    private final String uri;
    private final boolean http10;
    private final HeaderBlock headers;
    /** The authorizer's lookups, answered from the head's bytes (no map is built for them). */
    private final HeaderLookup lookup = new HeaderLookup() {
        @Override
        public String first(String name) {
            return headers.first(name);
        }

        @Override
        public List<String> all(String name) {
            return headers.all(name);
        }
    };
    private final int headBytes;
    private final long contentLength;
    private final boolean chunked;
    private final boolean expectsContinue;
    private final String host;
    private HttpHeaders decoded;

    /** {@code host}: the value of the one Host header, or {@code null} when an HTTP/1.0 client sent none. */
    Http1Request(HttpMethod method, String uri, boolean http10, HeaderBlock headers, int headBytes, long contentLength,
                 boolean chunked, boolean expectsContinue, String host) {
        this.method = method;
        this.uri = uri;
        this.http10 = http10;
        this.headers = headers;
        this.headBytes = headBytes;
        this.contentLength = contentLength;
        this.chunked = chunked;
        this.expectsContinue = expectsContinue;
        this.host = host;
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
        return http10 ? "HTTP/1.0" : "HTTP/1.1";
    }

    boolean http10() {
        return http10;
    }

    @Override
    public HttpHeaders headers() {
        if (decoded == null) {
            decoded = headers.toHttpHeaders();
        }
        return decoded;
    }

    @Override
    public HeaderLookup headerLookup() {
        return lookup;
    }

    @Override
    public long contentLength() {
        return contentLength;
    }

    @Override
    public boolean hasBody() {
        return chunked || contentLength > 0;
    }

    @Override
    public boolean keepAlive() {
        return http10 ? headers.connectionKeepAlive() && !headers.connectionClose() : !headers.connectionClose();
    }

    @Override
    public boolean expectsContinue() {
        return expectsContinue && !http10; // RFC 9110 section 15.2: never a 1xx to an HTTP/1.0 client
    }

    @Override
    public int count(HeaderNameSet names) {
        int n = 0;
        for (int i = 0, size = headers.size(); i < size; i++) {
            if (headers.nameIn(i, names)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public ByteBuf writeUpstreamHead(ByteBufAllocator alloc, String target, UpstreamHeadValues values) {
        HeadWriter out = HeadWriter.scratch();
        out.requestLine(method.asciiName(), target);
        // Host first (RFC 9112 section 3.2), then the end-to-end fields; the framing fields come from the decoder's
        // own reading of the head, never from the client's lines (see ForwardingHeaders.FRAMING_NAMES).
        out.header(HttpHeaderNames.HOST, host != null ? host : values.defaultHost());
        for (int i = 0, n = headers.size(); i < n; i++) {
            if (!headers.nameIn(i, ForwardingHeaders.REQUEST_DROPPED) && !headers.nameIn(i, values.stripped())
                    && !headers.namedByConnection(i)) {
                headers.write(i, out);
            }
        }
        if (chunked) {
            out.header(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        } else if (contentLength >= 0) {
            out.ascii(HttpHeaderNames.CONTENT_LENGTH).put(':').put(' ').decimal(contentLength).crlf();
        }
        ForwardingHeaders.write(out, values.forwarded());
        for (int i = 0, n = values.added().size(); i < n; i++) {
            out.header(values.added().get(i).getKey(), values.added().get(i).getValue());
        }
        return out.header(ForwardingHeaders.REQUEST_ID, values.requestId()).crlf().toBuffer(alloc);
    }
}
