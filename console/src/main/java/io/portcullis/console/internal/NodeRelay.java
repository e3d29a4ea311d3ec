package io.portcullis.console.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.portcullis.console.ClusterNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's console content: the Nodes overview ({@code /nodes}, {@code /api/nodes}) and, for a chosen
 * node, the node console's views ({@code /nodes/ID/traffic} ...) whose {@code /nodes/ID/api/...} requests are
 * forwarded to that node's console. Before anything is forwarded: the path must be one of the node console's
 * endpoints and the user's role here must allow it ({@link Endpoints#needed}, the node console's own rules); the
 * node must be live with an {@code https} console address from its heartbeats. The request goes with the control
 * plane's client certificate, never the user's cookie or token: only the method, the path, the query and, for an
 * explanation, the form. Every way a node's console can fail to answer (not live, no address, unreachable, the
 * handshake or the control plane's certificate refused) is the same 502 to the user; the cause is logged.
 */
public final class NodeRelay implements ConsoleContent {

    private static final Logger log = LoggerFactory.getLogger(NodeRelay.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NODE = Pattern.compile("/nodes/([A-Za-z0-9][A-Za-z0-9._-]{0,62})(/.*)?");
    static final String UNAVAILABLE = "the node's console cannot be reached";
    private static final Pattern ATTACHMENT = Pattern.compile("attachment; filename=\"[A-Za-z0-9._-]{1,64}\"");
    /** A search's answer is at most a few hundred rows; a node console answering more is refused, not buffered. */
    private static final int MAX_ANSWER = 16 * 1024 * 1024;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(60); // a search reads the node's whole log

    private final Supplier<List<ClusterNode>> nodes;
    private final java.util.concurrent.ExecutorService clientThreads = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "portcullis-console-relay");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client;
    /** Open relayed streams, each holding a console thread: fewer than the server's threads. */
    private final Semaphore streams = new Semaphore(Streams.MAX_CLIENTS);

    public NodeRelay(Supplier<List<ClusterNode>> nodes, SSLContext nodeClient) {
        this.nodes = requireNonNull(nodes, "nodes");
        this.client = HttpClient.newBuilder().sslContext(requireNonNull(nodeClient, "nodeClient"))
                .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).executor(clientThreads).build();
    }

    @Override
    public String home() {
        return "/nodes";
    }

    @Override
    public boolean serve(HttpExchange ex, User user, String path, String method) throws IOException {
        boolean get = method.equals("GET") || method.equals("HEAD");
        if (path.equals("/nodes") && get) {
            Web.page(ex, "app.html");
        } else if (path.equals("/api/me") && get) {
            me(ex, user);
        } else if (path.equals("/api/nodes") && get) {
            Http.json(ex, 200, overview());
        } else {
            Matcher m = NODE.matcher(path);
            if (!m.matches()) {
                return false;
            }
            String rest = m.group(2) == null ? "" : m.group(2);
            if ((rest.isEmpty() || rest.equals("/")) && get) {
                Http.redirect(ex, "/nodes/" + m.group(1) + "/traffic");
            } else if (ConsoleServer.VIEWS.contains(rest) && get) {
                Web.page(ex, "app.html");
            } else if (rest.equals("/api/me") && get) {
                me(ex, user);
            } else if (rest.startsWith("/api/")) {
                forward(ex, user, m.group(1), rest.substring(4), method);
            } else {
                return false;
            }
        }
        return true;
    }

    private static void me(HttpExchange ex, User user) throws IOException {
        Http.json(ex, 200, JSON.createObjectNode().put("user", user.name()).put("role", user.role().label())
                .put("until", user.until().toString()).put("cluster", true));
    }

    private ArrayNode overview() throws IOException {
        ArrayNode out = JSON.createArrayNode();
        for (ClusterNode n : nodes.get()) {
            ObjectNode o = out.addObject().put("id", n.id()).put("live", n.live()).put("lastSeen", n.lastSeen().toString())
                    .put("digest", n.digest()).put("ready", n.ready())
                    .put("console", n.console().map(URI::toString).orElse(null))
                    .put("relayed", relayable(n));
            o.set("counters", JSON.readTree(n.counters()));
        }
        return out;
    }

    private static boolean relayable(ClusterNode n) {
        return n.live() && n.console().filter(u -> "https".equals(u.getScheme())).isPresent();
    }

    private void forward(HttpExchange ex, User user, String nodeId, String path, String method) throws IOException {
        Optional<Role> needed = Endpoints.needed(method, path);
        if (needed.isEmpty()) {
            Http.json(ex, 404, JSON.createObjectNode().put("error", "not found"));
            return;
        }
        if (!Endpoints.allowed(ex, user, needed.get())) {
            return;
        }
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        if (method.equals("POST")) {
            String text = Http.body(ex);
            if (text == null) {
                throw new IllegalArgumentException("body: larger than " + Http.MAX_BODY + " bytes");
            }
            JsonNode form = ConsoleServer.parse(text);
            if (!Endpoints.allowed(ex, user, Endpoints.needed(form))) {
                return;
            }
            body = HttpRequest.BodyPublishers.ofString(form.toString());
        }
        Optional<URI> console = nodes.get().stream().filter(n -> n.id().equals(nodeId) && relayable(n)).findFirst()
                .flatMap(ClusterNode::console);
        if (console.isEmpty()) {
            unavailable(ex, nodeId, "not live, or no https console address in its heartbeats");
            return;
        }
        String query = ex.getRequestURI().getRawQuery();
        URI target = console.get().resolve("/api" + path + (query == null ? "" : "?" + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(target).method(method, body);
        if (method.equals("POST")) {
            request.header("Content-Type", "application/json");
        }
        if (path.equals("/stream")) {
            stream(ex, nodeId, request.header("Accept", "text/event-stream").build());
            return;
        }
        HttpResponse<InputStream> answer = send(ex, nodeId, request.timeout(ANSWER_WITHIN).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (answer == null) {
            return;
        }
        byte[] bytes;
        try (InputStream in = answer.body()) {
            bytes = in.readNBytes(MAX_ANSWER + 1);
        } catch (IOException e) {
            unavailable(ex, nodeId, e.toString());
            return;
        }
        int status = answer.statusCode();
        if (status == 401 || status == 403 || status >= 500 || bytes.length > MAX_ANSWER) {
            unavailable(ex, nodeId, "its console answered " + status + " to the control plane"
                    + (bytes.length > MAX_ANSWER ? " with more than " + MAX_ANSWER + " bytes" : ""));
            return;
        }
        // Only what a node console's endpoints answer is passed on, so that nothing a node sends becomes a page here.
        String type = answer.headers().firstValue("Content-Type").orElse("");
        answer.headers().firstValue("Content-Disposition").filter(d -> ATTACHMENT.matcher(d).matches())
                .ifPresent(d -> ex.getResponseHeaders().set("Content-Disposition", d));
        Http.send(ex, status, type.equals("application/x-pem-file") ? type
                : type.startsWith("application/json") ? "application/json" : "application/octet-stream", bytes);
    }

    /** Relays the node console's event stream until either side leaves. */
    private void stream(HttpExchange ex, String nodeId, HttpRequest request) throws IOException {
        if (!streams.tryAcquire()) {
            Http.text(ex, 503, "too many open consoles (at most " + Streams.MAX_CLIENTS + ")\n");
            return;
        }
        try {
            HttpResponse<InputStream> answer = send(ex, nodeId, request, HttpResponse.BodyHandlers.ofInputStream());
            if (answer == null) {
                return;
            }
            try (InputStream in = answer.body()) {
                if (answer.statusCode() != 200) {
                    unavailable(ex, nodeId, "its console answered " + answer.statusCode() + " to the control plane");
                    return;
                }
                OutputStream out = Streams.open(ex);
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side left: the other is closed below
            } finally {
                ex.close();
            }
        } finally {
            streams.release();
        }
    }

    /** The node console's answer, or null after answering the uniform 502 when it cannot be had. */
    private <T> HttpResponse<T> send(HttpExchange ex, String nodeId, HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws IOException {
        try {
            return client.send(request, body);
        } catch (IOException e) {
            unavailable(ex, nodeId, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unavailable(ex, nodeId, "interrupted");
        }
        return null;
    }

    private static void unavailable(HttpExchange ex, String nodeId, String cause) throws IOException {
        log.warn("console relay: node {}: {}", nodeId, cause);
        Http.json(ex, 502, JSON.createObjectNode().put("error", UNAVAILABLE));
    }

    @Override
    public void close() {
        clientThreads.shutdownNow();
    }
}
