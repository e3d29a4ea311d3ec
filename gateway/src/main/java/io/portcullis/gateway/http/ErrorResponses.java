package io.portcullis.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The only error bodies a client ever sees: one fixed, vague text per status, whatever the cause. The cause goes
 * to the log (see {@code Rejections}). Bodies are pre-encoded once; a response wraps the shared read-only bytes.
 * A {@code 401} also carries {@code WWW-Authenticate: Bearer} (no realm, error or description, which would tell
 * the cause).
 */
public final class ErrorResponses {

    private static final Map<Integer, ByteBuf> BODIES = Map.ofEntries(
            body(400, "Bad Request"), body(401, "Unauthorized"), body(403, "Forbidden"), body(404, "Not Found"),
            body(405, "Method Not Allowed"), body(408, "Request Timeout"), body(413, "Payload Too Large"),
            body(429, "Too Many Requests"), body(431, "Request Header Fields Too Large"),
            body(502, "Bad Gateway"), body(503, "Service Unavailable"), body(504, "Gateway Timeout"));

    private static final AsciiString BEARER = AsciiString.cached("Bearer");

    private ErrorResponses() {}

    private static Map.Entry<Integer, ByteBuf> body(int status, String text) {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.US_ASCII);
        return Map.entry(status, Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes).asReadOnly()));
    }

    /** The fixed response for a status; {@code close} adds {@code Connection: close}. */
    public static FullHttpResponse of(HttpResponseStatus status, boolean close) {
        ByteBuf body = BODIES.get(status.code());
        if (body == null) {
            throw new IllegalArgumentException("status: " + status.code() + " (expected: one of " + BODIES.keySet() + ")");
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body.duplicate());
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        if (status.code() == 401) {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, BEARER);
        }
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }

    /** The raw HTTP/1.1 bytes of a closing error response, for stages that run before the HTTP codec. */
    public static ByteBuf raw(HttpResponseStatus status) {
        ByteBuf body = BODIES.get(status.code());
        String head = "HTTP/1.1 " + status.code() + " " + status.reasonPhrase() + "\r\ncontent-type: text/plain\r\n"
                + "content-length: " + body.readableBytes() + "\r\ncache-control: no-store\r\nconnection: close\r\n\r\n";
        return Unpooled.wrappedBuffer(Unpooled.copiedBuffer(head, StandardCharsets.US_ASCII), body.duplicate());
    }
}
