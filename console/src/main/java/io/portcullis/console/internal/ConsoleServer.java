package io.portcullis.console.internal;

import io.portcullis.runtime.plan.Plan;
import io.portcullis.site.map.ReachabilityMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.portcullis.config.node.ConsoleConfig;
import io.portcullis.gateway.tls.TlsContexts;
import io.portcullis.runtime.Node;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's listener: the JDK's HTTP(S) server on its own small thread pool, never a gateway event loop. Every
 * path but the sign-in page and its two assets needs a user ({@link SignIn}); each endpoint checks the role it
 * needs here, on the server. Views are pages at stable URLs ({@link #VIEWS}) over JSON endpoints under
 * {@code /api/}; {@code /api/stream} pushes the traffic figures every second and each new decision as server-sent
 * events. A once-a-second sampler reads the meters for every open console at once.
 */
public final class ConsoleServer implements AutoCloseable {

    static final Set<String> VIEWS = Set.of("/traffic", "/decisions", "/explain", "/audit", "/changes", "/reachability");
    private static final Set<String> PUBLIC_ASSETS = Set.of("console.css", "login.js", "favicon.svg");
    private static final Set<String> ASSETS = Set.of("console.css", "login.js", "favicon.svg", "console.js");
    private static final Logger log = LoggerFactory.getLogger(ConsoleServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Node node;
    private final boolean tls;
    private final SignIn signIn;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(Streams.MAX_CLIENTS + 4, r -> {
        Thread t = new Thread(r, "portcullis-console");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "portcullis-console-sampler");
        t.setDaemon(true);
        return t;
    });
    private final Streams streams = new Streams();
    private final TrafficMeters meters;
    private final DecisionFeed feed;
    private final Decisions decisions;
    private final AuditStatus audit;
    private volatile String traffic = "{}";
    static final int LIVE_PER_SECOND = 50;
    /** Written by the feed's thread only; read by the sampler for the count (a stale read is harmless). */
    private long liveSecond;
    private int liveSent;
    private volatile long liveSkipped;

    public ConsoleServer(Node node, ConsoleConfig config, Clock clock) throws IOException {
        this.node = node;
        this.tls = config.tls().isPresent();
        this.signIn = new SignIn(config, clock);
        this.meters = new TrafficMeters(node.registry());
        var auditConfig = node.plan().node().config().audit();
        this.audit = auditConfig.isPresent() ? new AuditStatus(auditConfig.get(), clock) : null;
        this.decisions = new Decisions(auditConfig.map(a -> a.dir()).orElse(null), node::plan);
        long durable = node.registry().find("portcullis.audit.durable.records").gauge() == null ? 0
                : (long) node.registry().find("portcullis.audit.durable.records").gauge().value();
        this.feed = auditConfig.isPresent() ? new DecisionFeed(auditConfig.get().dir(), durable - DecisionFeed.BACKLOG,
                new DecisionFeed.Listener() {
                    @Override
                    public boolean wants() {
                        return liveBudget();
                    }

                    @Override
                    public void row(ObjectNode row) {
                        liveSent++;
                        streams.publish("decision", row.toString());
                    }
                }) : null;
        try {
            server = bind(config);
        } catch (IOException | RuntimeException e) {
            if (feed != null) {
                feed.close();
            }
            signIn.close();
            executor.shutdownNow();
            sampler.shutdownNow();
            throw e;
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        sampler.scheduleAtFixedRate(this::tick, 0, 1, TimeUnit.SECONDS);
        server.start();
    }

    /**
     * Whether a decision row may go to the open consoles now: at most {@link #LIVE_PER_SECOND} a second (a person reads a few
     * rows a second, and at tens of thousands of requests a second formatting every record for every stream
     * would be the console's largest cost). The table says how many it left out; the search finds every record.
     */
    private boolean liveBudget() {
        if (streams.open() == 0) {
            return false;
        }
        long second = System.nanoTime() / 1_000_000_000L;
        if (second != liveSecond) {
            liveSecond = second;
            liveSent = 0;
        }
        if (liveSent < LIVE_PER_SECOND) {
            return true;
        }
        liveSkipped++;
        return false;
    }

    private static HttpServer bind(ConsoleConfig config) throws IOException {
        InetSocketAddress listen = new InetSocketAddress(config.host(), config.port());
        if (config.tls().isEmpty()) {
            return HttpServer.create(listen, 64);
        }
        SSLContext context = TlsContexts.jdkServer(config.tls().get());
        boolean certificates = config.certificates();
        HttpsServer https = HttpsServer.create(listen, 64);
        https.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                javax.net.ssl.SSLParameters p = context.getDefaultSSLParameters();
                p.setNeedClientAuth(certificates); // on the parameters: they override HttpsParameters' own setters
                params.setSSLParameters(p);
            }
        });
        return https;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public boolean tls() {
        return tls;
    }

    private void tick() {
        try {
            ObjectNode t = meters.sample(System.nanoTime());
            t.put("time", java.time.Instant.now().toString()).put("plan", node.plan().digest().toString());
            t.set("topRefused", feed == null ? JSON.createArrayNode() : feed.topRefused(java.time.Instant.now(), 10));
            ArrayNode blocks = t.putArray("autoBlocks");
            node.autoBlocked().stream().sorted().forEach(blocks::add);
            t.put("audit", feed != null).put("liveSkipped", liveSkipped);
            traffic = t.toString();
            streams.publish("traffic", traffic);
        } catch (RuntimeException e) {
            log.warn("console: sampling the meters failed: {}", e.toString());
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            route(ex);
        } catch (IllegalArgumentException e) {
            Http.json(ex, 400, JSON.createObjectNode().put("error", e.getMessage()));
        } catch (IOException | RuntimeException e) {
            log.warn("console: {} {} failed: {}", ex.getRequestMethod(), ex.getRequestURI().getPath(), e.toString());
            Http.json(ex, 500, JSON.createObjectNode().put("error", "the console could not answer (see the node's log)"));
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        if (path.equals("/login")) {
            if (method.equals("POST")) {
                login(ex);
            } else {
                page(ex, "login.html");
            }
            return;
        }
        if (path.startsWith("/static/") && PUBLIC_ASSETS.contains(path.substring(8))) {
            asset(ex, path.substring(8));
            return;
        }
        Optional<User> user = user(ex);
        if (user.isEmpty()) {
            if (path.startsWith("/api/")) {
                Http.json(ex, 401, JSON.createObjectNode().put("error", "sign in first"));
            } else {
                Http.redirect(ex, "/login");
            }
            return;
        }
        User u = user.get();
        if (!method.equals("GET") && !method.equals("HEAD") && !Http.sameOrigin(ex, tls)) {
            Http.json(ex, 403, JSON.createObjectNode().put("error", "cross-origin request refused"));
            return;
        }
        if (path.equals("/")) {
            Http.redirect(ex, "/traffic");
        } else if (VIEWS.contains(path)) {
            page(ex, "app.html");
        } else if (path.startsWith("/static/") && ASSETS.contains(path.substring(8))) {
            asset(ex, path.substring(8));
        } else if (path.startsWith("/static/") && ReachabilityMap.RENDERER_FILES.contains(path.substring(8))) {
            String name = path.substring(8); // the living documentation's map renderer, the same files as its map.html
            Http.send(ex, 200, name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8",
                    ReachabilityMap.renderer(name));
        } else if (path.equals("/logout") && method.equals("POST")) {
            signIn.close(Http.cookie(ex, Http.SESSION_COOKIE));
            ex.getResponseHeaders().add("Set-Cookie", cookie("", 0));
            Http.redirect(ex, "/login");
        } else if (path.startsWith("/api/")) {
            new Endpoints(this, u).serve(ex, path.substring(4), method);
        } else {
            Http.text(ex, 404, "not found\n");
        }
    }

    private void login(HttpExchange ex) throws IOException {
        String body = Http.body(ex);
        Map<String, String> form = Http.pairs(body == null ? "" : body);
        Optional<String> session = Http.sameOrigin(ex, tls) ? signIn.open(form.get("token")) : Optional.empty();
        if (session.isEmpty()) {
            Http.redirect(ex, "/login?refused=1"); // the same answer for every cause; the cause is in the log
            return;
        }
        ex.getResponseHeaders().add("Set-Cookie", cookie(session.get(), (int) SignIn.MAX_SESSION.toSeconds()));
        Http.redirect(ex, "/traffic");
    }

    private String cookie(String value, int maxAge) {
        return Http.SESSION_COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + maxAge
                + (tls ? "; Secure" : "");
    }

    private Optional<User> user(HttpExchange ex) {
        if (ex instanceof HttpsExchange https) {
            try {
                Optional<User> u = signIn.certificate(https.getSSLSession().getPeerCertificates());
                if (u.isPresent()) {
                    return u;
                }
            } catch (SSLPeerUnverifiedException e) {
                // no certificate: a session may still sign the user in
            }
        }
        return signIn.session(Http.cookie(ex, Http.SESSION_COOKIE));
    }

    private void page(HttpExchange ex, String name) throws IOException {
        String html = new String(resource(name), StandardCharsets.UTF_8)
                .replace("${TOKENS}", signIn.tokens() ? "" : "hidden");
        Http.send(ex, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    private void asset(HttpExchange ex, String name) throws IOException {
        Http.send(ex, 200, name.endsWith(".css") ? "text/css; charset=utf-8" : name.endsWith(".svg") ? "image/svg+xml"
                : "text/javascript; charset=utf-8", resource(name));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ConsoleServer.class.getResourceAsStream("/io/portcullis/console/web/" + name)) {
            if (in == null) {
                throw new IOException(name + " missing from the console jar");
            }
            return in.readAllBytes();
        }
    }

    Node node() {
        return node;
    }

    /** The reachability map of the plan in force (the living documentation's model), built once per plan. */
    String reachability() {
        Plan plan = node.plan();
        ReachMapCache cached = reachMap;
        if (cached == null || cached.plan() != plan) {
            cached = new ReachMapCache(plan, ReachabilityMap.of(plan, Instant.now()));
            reachMap = cached;
        }
        return cached.json();
    }

    private record ReachMapCache(Plan plan, String json) {}

    private volatile ReachMapCache reachMap;

    String traffic() {
        return traffic;
    }

    Streams streams() {
        return streams;
    }

    DecisionFeed feed() {
        return feed;
    }

    Decisions decisions() {
        return decisions;
    }

    AuditStatus audit() {
        return audit;
    }

    static JsonNode parse(String body) throws IOException {
        return body == null ? JSON.createObjectNode() : JSON.readTree(body.isBlank() ? "{}" : body);
    }

    @Override
    public void close() {
        streams.close();
        sampler.shutdownNow();
        if (feed != null) {
            feed.close();
        }
        server.stop(0);
        executor.shutdownNow();
        signIn.close();
    }
}
