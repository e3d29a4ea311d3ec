package io.portcullis.runtime.demo;

import io.portcullis.runtime.evidence.HttpServerLimits;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The service behind the demo's APIs: answers every request with a small JSON echo of what it received from the
 * gateway (method, path, the forwarding headers the gateway set, the request id), so a user can see what an
 * upstream learns about the caller.
 */
public final class DemoUpstream implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "demo-upstream");
        t.setDaemon(true);
        return t;
    });

    private DemoUpstream(HttpServer server) {
        this.server = server;
    }

    /** Starts on 127.0.0.1 and a free port. */
    public static DemoUpstream start() throws IOException {
        HttpServerLimits.apply(); // it may be the process's first JDK server, which fixes the bounds for all
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        DemoUpstream upstream = new DemoUpstream(server);
        server.createContext("/", upstream::handle);
        server.setExecutor(upstream.executor);
        server.start();
        return upstream;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            long received = in.transferTo(OutputStream.nullOutputStream());
            Map<String, Object> echo = new LinkedHashMap<>();
            echo.put("service", "demo-upstream");
            echo.put("method", exchange.getRequestMethod());
            echo.put("path", exchange.getRequestURI().getRawPath());
            echo.put("bodyBytes", received);
            String forwarded = exchange.getRequestHeaders().getFirst("Forwarded");
            if (forwarded != null) {
                echo.put("Forwarded", forwarded);
            }
            // Every X- header the gateway forwarded (forwarding headers, the request id, identity headers), by its
            // lower-case name (header names ignore case).
            new java.util.TreeMap<>(exchange.getRequestHeaders()).forEach((name, values) -> {
                if (name.regionMatches(true, 0, "x-", 0, 2)) {
                    echo.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values));
                }
            });
            byte[] body = (JSON.writeValueAsString(echo) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
