package io.portcullis.gateway.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP/1.1 upstream on loopback (the JDK's server). {@code /echo} answers with what it received (method,
 * target, forwarding headers, body size); {@code /slow} waits 3 s ({@code /slow?ms=N}: N ms); {@code /big?n=BYTES} streams a body.
 */
public final class TestUpstream implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    public final AtomicInteger requests = new AtomicInteger();

    public TestUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        String path = ex.getRequestURI().getPath();
        long bodyBytes = 0;
        try (InputStream in = ex.getRequestBody()) {
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0; ) {
                bodyBytes += n;
            }
        }
        if (path.startsWith("/slow")) {
            String query = ex.getRequestURI().getQuery();
            try {
                Thread.sleep(query != null && query.startsWith("ms=") ? Long.parseLong(query.substring(3)) : 3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (path.startsWith("/big")) {
            long n = Long.parseLong(ex.getRequestURI().getQuery().substring(2));
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                byte[] chunk = new byte[8192];
                for (long sent = 0; sent < n; sent += chunk.length) {
                    out.write(chunk, 0, (int) Math.min(chunk.length, n - sent));
                }
            }
            return;
        }
        StringBuilder text = new StringBuilder()
                .append("method=").append(ex.getRequestMethod()).append('\n')
                .append("target=").append(ex.getRequestURI()).append('\n')
                .append("body=").append(bodyBytes).append('\n');
        for (String name : new String[] {"X-Forwarded-For", "X-Forwarded-Proto", "Forwarded", "Host", "Connection",
                "Keep-Alive", "X-Custom", "Te", "X-Real-Ip", "X-Request-Id"}) {
            String value = ex.getRequestHeaders().getFirst(name);
            if (value != null) {
                text.append(name.toLowerCase(java.util.Locale.ROOT)).append('=').append(value).append('\n');
            }
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain");
        ex.getResponseHeaders().set("Keep-Alive", "timeout=5");
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
