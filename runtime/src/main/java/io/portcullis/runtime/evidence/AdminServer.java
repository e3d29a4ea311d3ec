package io.portcullis.runtime.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.portcullis.runtime.cluster.LinkStatus;
import io.portcullis.runtime.plan.PlanChanges;
import io.portcullis.runtime.reload.ReloadOutcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The admin listener ({@code admin.listen}): {@code GET /metrics} in the Prometheus text format, {@code /healthz}
 * (the process is up: 200), {@code /readyz} (200 when the node is serving and admitting, 503 with the reason
 * otherwise, e.g. while a fail-closed audit log is not taking records; either way the plan in force and the last
 * reload's outcome), {@code /plan} (the plan in force and the last reload, as JSON; with the control plane's link,
 * {@link LinkStatus}, when the node follows one), {@code /shadow} (what the
 * candidate plan in shadow decided differently, as JSON; 404 without a shadow). A rejected reload leaves
 * the node ready, marked degraded: it still serves the last good plan, and taking every replica out of service
 * because they all refused the same bad configuration would turn a typo into an outage (docs/observability.md).
 * Off the data path: its own small thread pool, never an event loop. Bind it to a private address; it reveals
 * configuration names and counts.
 */
public final class AdminServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        HttpServerLimits.apply(); // before the first server of the process starts
    }

    private final HttpServer server;
    private HttpHandler mounted; // guarded by this
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "portcullis-admin");
        t.setDaemon(true);
        return t;
    });

    /** What the endpoints report, read on every request (from the admin threads). */
    public interface Status {
        /** Why the node is not ready, or null when it is. */
        String notReady();

        /** The digest of the plan in force ({@code sha256:...}). */
        String plan();

        /** The last reload's outcome, or empty before the first. */
        Optional<ReloadOutcome> lastReload();

        /** The shadow's report as JSON ({@code GET /shadow}), or null when the node runs no shadow (404). */
        default String shadow() {
            return null;
        }

        /** The node's link to a control plane ({@code run --control}), or null for a node run from its own files. */
        default LinkStatus control() {
            return null;
        }

        /** This status with {@code notReady} in place of its own readiness (the rest read from this one). */
        default Status withNotReady(Supplier<String> notReady) {
            return of(notReady, this::plan, this::lastReload, this::shadow, this::control);
        }

        /** A status read from these three, on every request; no shadow. */
        static Status of(Supplier<String> notReady, Supplier<String> plan, Supplier<Optional<ReloadOutcome>> lastReload) {
            return of(notReady, plan, lastReload, () -> null);
        }

        /** A status read from these four, on every request ({@code shadow} answers null without a shadow). */
        static Status of(Supplier<String> notReady, Supplier<String> plan, Supplier<Optional<ReloadOutcome>> lastReload,
                         Supplier<String> shadow) {
            return of(notReady, plan, lastReload, shadow, () -> null);
        }

        /** A status read from these five, on every request ({@code control} answers null without a control plane). */
        static Status of(Supplier<String> notReady, Supplier<String> plan, Supplier<Optional<ReloadOutcome>> lastReload,
                         Supplier<String> shadow, Supplier<LinkStatus> control) {
            return new Status() {
                @Override
                public String notReady() {
                    return notReady.get();
                }

                @Override
                public String plan() {
                    return plan.get();
                }

                @Override
                public Optional<ReloadOutcome> lastReload() {
                    return lastReload.get();
                }

                @Override
                public String shadow() {
                    return shadow.get();
                }

                @Override
                public LinkStatus control() {
                    return control.get();
                }
            };
        }
    }

    public AdminServer(InetSocketAddress listen, PrometheusMeterRegistry registry, Status status) throws IOException {
        server = HttpServer.create(listen, 64);
        server.createContext("/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        server.createContext("/healthz", ex -> respond(ex, 200, "text/plain", "ok\n"));
        server.createContext("/readyz", ex -> {
            String reason = status.notReady();
            respond(ex, reason == null ? 200 : 503, "text/plain", readiness(reason, status));
        });
        server.createContext("/plan", ex -> respond(ex, 200, "application/json", plan(status)));
        server.createContext("/shadow", ex -> {
            String report = status.shadow();
            respond(ex, report == null ? 404 : 200, report == null ? "text/plain" : "application/json",
                    report == null ? "no shadow: the node was started without --shadow\n" : report);
        });
        server.setExecutor(executor);
        server.start();
    }

    /**
     * {@code ready}, {@code ready (degraded)} after a rejected reload, or {@code not ready: REASON}; then the plan
     * in force and the last reload's outcome, one per line.
     */
    static String readiness(String notReady, Status status) {
        Optional<ReloadOutcome> last = status.lastReload();
        boolean degraded = last.isPresent() && !last.get().applied();
        StringBuilder out = new StringBuilder(notReady != null ? "not ready: " + notReady
                : degraded ? "ready (degraded)" : "ready").append('\n');
        out.append("plan: ").append(status.plan()).append('\n');
        last.ifPresent(r -> {
            out.append("last reload: ").append(r.result()).append(" at ").append(r.time());
            if (!r.applied()) {
                int n = r.problems().size();
                out.append(", ").append(n).append(n == 1 ? " problem" : " problems")
                        .append(" (see the node's log); the plan above stays in force");
            }
            out.append('\n');
        });
        LinkStatus link = status.control();
        if (link != null) {
            out.append(link.readyLine()).append('\n');
        }
        return out.toString();
    }

    /** {@code {"digest":"sha256:...","lastReload":{...}}}; no problem text (it can quote configuration values). */
    static String plan(Status status) {
        ObjectNode root = JSON.createObjectNode().put("digest", status.plan());
        status.lastReload().ifPresent(r -> {
            ObjectNode reload = root.putObject("lastReload").put("time", r.time().toString()).put("result", r.result())
                    .put("problems", r.problems().size());
            if (!r.attempted().isEmpty()) {
                reload.put("attempted", r.attempted());
            }
            ObjectNode changes = reload.putObject("changes");
            for (PlanChanges.Section section : r.changes().sections()) {
                ObjectNode s = changes.putObject(section.name());
                array(s, "added", section.added());
                array(s, "removed", section.removed());
                array(s, "changed", section.changed());
            }
        });
        LinkStatus link = status.control();
        if (link != null) {
            link.writeTo(root.putObject("control"));
        }
        return root.toString() + "\n";
    }

    private static void array(ObjectNode node, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = node.putArray(field);
            values.forEach(array::add);
        }
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /**
     * Serves {@code handler} for every path the endpoints above do not take: the node's web console when its
     * {@code console} section has no listener of its own (docs/console.md). The handler is called on this server's
     * two threads and must hand the exchange to threads of its own at once, so that a console cannot hold up
     * {@code /metrics} or {@code /readyz}. One handler per server: mounting the same one again changes nothing.
     */
    public synchronized void mount(HttpHandler handler) {
        if (mounted == handler) {
            return;
        }
        if (mounted != null) {
            throw new IllegalStateException("admin listener: another handler is mounted already");
        }
        server.createContext("/", handler);
        mounted = handler;
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
