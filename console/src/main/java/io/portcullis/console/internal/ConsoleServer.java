package io.portcullis.console.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.portcullis.runtime.evidence.HttpServerLimits;
import io.portcullis.gateway.tls.TlsContexts;
import io.portcullis.settings.ClientAuth;
import io.portcullis.settings.TlsSettings;
import io.portcullis.site.map.ReachabilityMap;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's listener: the JDK's HTTP(S) server on its own small thread pool, never a gateway event loop (or a
 * node's admin listener, whose requests the console takes over onto that pool at once). Every
 * path but the sign-in page and its assets needs a user ({@link SignIn}); what a signed-in user is served is the
 * {@link ConsoleContent}'s (a node's views, or the control plane's relay to every node's), and each of its
 * endpoints checks the role it needs, on the server. State-changing requests must come from the console's origin.
 */
public final class ConsoleServer implements AutoCloseable {

    /** A node's views, each a page at a stable URL over JSON endpoints under {@code /api/}. */
    public static final Set<String> VIEWS = Set.of("/traffic", "/decisions", "/explain", "/audit", "/changes", "/reachability");
    private static final Set<String> PUBLIC_ASSETS = Set.of("console.css", "login.js", "favicon.svg");
    private static final Set<String> ASSETS = Set.of("console.css", "login.js", "favicon.svg", "console.js");
    private static final Logger log = LoggerFactory.getLogger(ConsoleServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        HttpServerLimits.apply(); // a slow request is closed, not left holding a thread (before the first server starts)
    }
    /** Threads for requests; streams (each holding one) are bounded below this by their owners. */
    static final int THREADS = Streams.MAX_CLIENTS + 4;

    private final boolean tls;
    private final SignIn signIn;
    private final ConsoleContent content;
    /** The console's own listener, or null when it is served by a node's admin listener. */
    private final HttpServer server;
    private final Supplier<InetSocketAddress> address;
    private volatile boolean closed;
    private final ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "portcullis-console");
        t.setDaemon(true);
        return t;
    });

    /**
     * Serves {@code content} behind {@code signIn} on {@code listen}: over TLS with {@code tls} (client certificates
     * asked for as {@code clientAuth} says), else plain HTTP. Both are closed with the server, or at once when it
     * cannot start.
     */
    public ConsoleServer(InetSocketAddress listen, Optional<TlsSettings> tls, ClientAuth clientAuth, SignIn signIn,
                         ConsoleContent content) throws IOException {
        this.tls = tls.isPresent();
        this.signIn = signIn;
        this.content = content;
        try {
            server = bind(listen, tls, clientAuth);
        } catch (IOException | RuntimeException e) {
            content.close();
            signIn.close();
            executor.shutdownNow();
            throw e;
        }
        this.address = server::getAddress;
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /**
     * Serves {@code content} behind {@code signIn} on another server's listener (a node's admin listener, plain
     * HTTP): {@code mount} is given the handler for every path that server's own endpoints do not take. The handler
     * passes each exchange to the console's own threads at once, so open consoles never hold that server's threads.
     */
    public ConsoleServer(Consumer<HttpHandler> mount, Supplier<InetSocketAddress> address, SignIn signIn,
                         ConsoleContent content) {
        this.tls = false;
        this.signIn = signIn;
        this.content = content;
        this.server = null;
        this.address = address;
        try {
            mount.accept(ex -> {
                try {
                    executor.execute(() -> handleQuietly(ex));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    ex.close(); // closed meanwhile
                }
            });
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void handleQuietly(HttpExchange ex) {
        try {
            handle(ex);
        } catch (IOException | RuntimeException e) {
            log.debug("console: {} {}: {}", ex.getRequestMethod(), ex.getRequestURI().getPath(), e.toString());
            ex.close();
        }
    }

    private static HttpServer bind(InetSocketAddress listen, Optional<TlsSettings> tls, ClientAuth clientAuth)
            throws IOException {
        if (tls.isEmpty()) {
            return HttpServer.create(listen, 64);
        }
        SSLContext context = TlsContexts.jdkServer(tls.get());
        HttpsServer https = HttpsServer.create(listen, 64);
        https.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                javax.net.ssl.SSLParameters p = context.getDefaultSSLParameters();
                // on the parameters: they override HttpsParameters' own setters
                if (clientAuth == ClientAuth.REQUIRED) {
                    p.setNeedClientAuth(true);
                } else if (clientAuth == ClientAuth.OPTIONAL) {
                    p.setWantClientAuth(true);
                }
                params.setSSLParameters(p);
            }
        });
        return https;
    }

    public InetSocketAddress address() {
        return address.get();
    }

    public boolean tls() {
        return tls;
    }

    private void handle(HttpExchange ex) throws IOException {
        if (closed) {
            Http.text(ex, 404, "not found\n");
            return;
        }
        try {
            route(ex);
        } catch (IllegalArgumentException e) {
            Http.json(ex, 400, JSON.createObjectNode().put("error", e.getMessage()));
        } catch (IOException | RuntimeException e) {
            log.warn("console: {} {} failed: {}", ex.getRequestMethod(), ex.getRequestURI().getPath(), e.toString());
            Http.json(ex, 500, JSON.createObjectNode().put("error", "the console could not answer (see its log)"));
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        if (path.equals("/login")) {
            if (method.equals("POST")) {
                login(ex);
            } else {
                loginPage(ex);
            }
            return;
        }
        if (path.startsWith("/static/") && PUBLIC_ASSETS.contains(path.substring(8))) {
            Web.asset(ex, path.substring(8));
            return;
        }
        Optional<User> user = user(ex);
        if (user.isEmpty()) {
            if (path.contains("/api/")) { // a node's, or (/nodes/ID/api/...) one relayed to a node
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
            Http.redirect(ex, content.home());
        } else if (path.startsWith("/static/") && ASSETS.contains(path.substring(8))) {
            Web.asset(ex, path.substring(8));
        } else if (path.startsWith("/static/") && ReachabilityMap.RENDERER_FILES.contains(path.substring(8))) {
            String name = path.substring(8); // the living documentation's map renderer, the same files as its map.html
            Http.send(ex, 200, name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8",
                    ReachabilityMap.renderer(name));
        } else if (path.equals("/logout") && method.equals("POST")) {
            signIn.close(Http.cookie(ex, Http.SESSION_COOKIE));
            ex.getResponseHeaders().add("Set-Cookie", cookie("", 0));
            Http.redirect(ex, "/login");
        } else if (!content.serve(ex, u, path, method)) {
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
        Http.redirect(ex, content.home());
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

    private void loginPage(HttpExchange ex) throws IOException {
        String html = new String(Web.resource("login.html"), StandardCharsets.UTF_8)
                .replace("${TOKENS}", signIn.tokens() ? "" : "hidden");
        Http.send(ex, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode parse(String body) throws IOException {
        return body == null ? JSON.createObjectNode() : JSON.readTree(body.isBlank() ? "{}" : body);
    }

    @Override
    public void close() {
        closed = true;
        content.close();
        if (server != null) {
            server.stop(0);
        }
        executor.shutdownNow();
        signIn.close();
    }
}
