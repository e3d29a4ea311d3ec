package io.portcullis.feeds;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A real HTTP feed server on loopback that answers conditional GETs the way a web server does: 200 with an
 * ETag, or 304 when {@code If-None-Match} names the current ETag. Tests switch what it serves between requests.
 */
final class FeedServer implements AutoCloseable {

    /** What a request to the server carried. */
    record Request(String path, String ifNoneMatch, String ifModifiedSince) {}

    private record Answer(int status, byte[] body, String etag) {}

    private final HttpServer server;
    private volatile Answer answer = new Answer(404, new byte[0], null);
    final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();

    FeedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    /** Serves {@code body} with this ETag (and a fixed Last-Modified). */
    void serve(byte[] body, String etag) {
        answer = new Answer(200, body, etag);
    }

    /** Answers every request with this status and an empty body. */
    void answer(int status) {
        answer = new Answer(status, new byte[0], null);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
            requests.add(new Request(exchange.getRequestURI().getPath(), ifNoneMatch,
                    exchange.getRequestHeaders().getFirst("If-Modified-Since")));
            Answer a = answer;
            if (a.status() == 200 && a.etag() != null && a.etag().equals(ifNoneMatch)) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            if (a.etag() != null) {
                exchange.getResponseHeaders().add("ETag", a.etag());
                exchange.getResponseHeaders().add("Last-Modified", "Tue, 14 Jan 2025 09:32:11 GMT");
            }
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
            if (a.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(a.body());
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
