package io.portcullis.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.portcullis.gateway.wire.HeadWriter;

/**
 * HTTP/1.1 heads the proxy stage writes itself, as bytes: the gateway's own responses (errors, {@code 100
 * Continue}) to an HTTP/1.x client, and a request head for the upstream from a decoded head.
 */
final class Http1Wire {


    private Http1Wire() {}

    /** A response the gateway made (its body, if any, is written after the head); releases {@code response}. */
    static ByteBuf response(ByteBufAllocator alloc, HttpResponse response) {
        ByteBuf body = response instanceof FullHttpResponse full ? full.content() : null;
        HeadWriter head = HeadWriter.scratch().statusLineStart(response.status().code())
                .ascii(response.status().reasonPhrase()).crlf().headers(response.headers()).crlf();
        ByteBuf out = alloc.buffer(head.length() + (body == null ? 0 : body.readableBytes()));
        head.writeTo(out);
        if (body != null) {
            out.writeBytes(body, body.readerIndex(), body.readableBytes());
            full(response).release();
        }
        return out;
    }

    /** The request head for the upstream: method, origin-form target, HTTP/1.1, the headers as they are. */
    static ByteBuf request(ByteBufAllocator alloc, HttpMethod method, String target, HttpHeaders headers) {
        return HeadWriter.scratch().requestLine(method.asciiName(), target).headers(headers).crlf().toBuffer(alloc);
    }

    private static FullHttpResponse full(HttpResponse response) {
        return (FullHttpResponse) response;
    }
}
