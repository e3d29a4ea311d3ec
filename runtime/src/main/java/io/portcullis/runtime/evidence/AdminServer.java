package io.portcullis.runtime.evidence;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The admin listener ({@code admin.listen}): {@code GET /metrics} in the Prometheus text format, {@code /healthz}
 * (the process is up: 200), {@code /plan} (the digest of the plan in force, as JSON), {@code /readyz} (200 when the node is serving and admitting, 503 with the reason
 * otherwise, e.g. while a fail-closed audit log is not taking records). Off the data path: its own small thread
 * pool, never an event loop. Bind it to a private address; it reveals configuration names and counts.
 */
public final class AdminServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "portcullis-admin");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param notReady the reason the node is not ready, or null when it is
     * @param plan the digest of the plan in force ({@code sha256:...}), served at {@code /plan}
     */
    public AdminServer(InetSocketAddress listen, PrometheusMeterRegistry registry, Supplier<String> notReady,
                       Supplier<String> plan) throws IOException {
        server = HttpServer.create(listen, 64);
        server.createContext("/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        server.createContext("/healthz", ex -> respond(ex, 200, "text/plain", "ok\n"));
        server.createContext("/readyz", ex -> {
            String reason = notReady.get();
            respond(ex, reason == null ? 200 : 503, "text/plain", reason == null ? "ready\n" : "not ready: " + reason + "\n");
        });
        server.createContext("/plan", ex -> respond(ex, 200, "application/json",
                "{\"digest\":\"" + plan.get() + "\"}\n"));
        server.setExecutor(executor);
        server.start();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            String path = ex.getRequestURI().getPath();
            if (!path.equals(ex.getHttpContext().getPath())) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            ex.sendResponseHeaders(status, ex.getRequestMethod().equals("HEAD") ? -1 : bytes.length);
            if (!ex.getRequestMethod().equals("HEAD")) {
                ex.getResponseBody().write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
