package io.portcullis.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.console.Console;
import io.portcullis.runtime.cluster.ControlCredentials;
import io.portcullis.runtime.cluster.ControlLink;
import io.portcullis.testing.HeadlessChromium;
import io.portcullis.testing.TestPki;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The cluster console end to end, everything real on loopback: a control plane serving its console, two nodes
 * following it ({@link ControlLink}) each with its own console over mTLS. node-1's console lists the control plane's
 * certificate as an operator; node-2's lists another identity, so it refuses the control plane. node-3 is a recording
 * HTTPS listener standing in for a node console (its heartbeat sent by the test as node-3), to see exactly what the
 * relay forwards, and what it does not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterConsoleTest {

    private static final String PLAN = """
            accounts:
              - {id: "111111111111", name: acme}
            vpcs:
              - {id: vpc-acme, account: "111111111111", cidrs: [127.0.1.0/24]}
            securityGroups:
              - {id: sg-clients, account: "111111111111", vpc: vpc-acme, description: clients}
            workloads:
              - {id: client-1, account: "111111111111", vpc: vpc-acme, addresses: [127.0.1.11], groups: [sg-clients]}
            """;

    private ControlFixture control;
    private String digest;
    private ControlLink node1;
    private ControlLink node2;
    private Console console1;
    private Console console2;
    private HttpsServer recorder;
    private final List<Map<String, Object>> recorded = new CopyOnWriteArrayList<>();
    private URI consoleUrl;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        control = ControlFixture.withConsole(dir, "control_cluster_console");
        consoleUrl = URI.create("https://127.0.0.1:" + control.plane.consoleAddress().orElseThrow().getPort() + "/");
        HttpResponse<String> proposed = control.as("admin").post("/v1/plans",
                Map.of("files", Map.of("portcullis.yaml", PLAN), "description", "cluster console"));
        assertThat(proposed.statusCode()).as(proposed.body()).isIn(200, 201);
        digest = TestClient.json(proposed).get("digest").asText();
        HttpResponse<String> promoted = control.as("admin").put("/v1/current", Map.of("digest", digest));
        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);

        node1 = node(dir, "node-1", ControlFixture.CONSOLE_CLIENT, true);
        console1 = Console.start(node1.node()).orElseThrow();
        node1.console(console1.advertised());
        node2 = node(dir, "node-2", "spiffe://portcullis.test/someone-else", false);
        console2 = Console.start(node2.node()).orElseThrow();
        node2.console(console2.advertised());

        recorder = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        SSLContext tls = control.pki.serverContext(control.pki.server());
        recorder.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                javax.net.ssl.SSLParameters p = tls.getDefaultSSLParameters();
                p.setWantClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        recorder.createContext("/", ex -> {
            String peer;
            try {
                peer = ((HttpsExchange) ex).getSSLSession().getPeerPrincipal().getName();
            } catch (SSLPeerUnverifiedException e) {
                peer = "none";
            }
            recorded.add(Map.of("method", ex.getRequestMethod(), "uri", ex.getRequestURI().toString(), "peer", peer,
                    "headers", Map.copyOf(ex.getRequestHeaders())));
            boolean page = ex.getRequestURI().getPath().equals("/api/changes"); // a node answering what no endpoint does
            byte[] body = (page ? "<script>alert(1)</script>" : "{\"recorded\":true}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", page ? "text/html" : "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        recorder.start();
        HttpResponse<String> beat = control.as("node-3").post("/v1/nodes/node-3/heartbeat", Map.of("digest", digest,
                "ready", true, "counters", Map.of("requests", 7), "console",
                "https://127.0.0.1:" + recorder.getAddress().getPort() + "/"));
        assertThat(beat.statusCode()).as(beat.body()).isEqualTo(200);

        // the nodes report their consoles from their second heartbeat on (every 200 ms here)
        Instant deadline = Instant.now().plusSeconds(20);
        while (reporting() < 3 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(reporting()).as("nodes reporting a console").isEqualTo(3);
    }

    /** A node following the control plane with a console over TLS whose certificate sign-in lists {@code operator}. */
    private ControlLink node(Path dir, String id, String operator, boolean audit) throws Exception {
        Path home = Files.createDirectories(dir.resolve(id));
        TestPki.Issued server = control.pki.server();
        StringBuilder yaml = new StringBuilder();
        if (audit) {
            KeyPair pair = AuditKeys.generate();
            AuditKeys.writeSigningKey(home.resolve("audit-signing.pem"), pair);
            yaml.append("audit: {dir: ").append(home.resolve("audit")).append(", signingKey: ")
                    .append(home.resolve("audit-signing.pem")).append(", checkpointInterval: 1s}\n");
        }
        yaml.append("console:\n  listen: \"127.0.0.1:").append(freePort()).append("\"\n")
                .append("  tls: {cert: ").append(server.certFile()).append(", key: ").append(server.keyFile())
                .append(", clientCa: ").append(control.pki.caFile()).append("}\n")
                .append("  auth:\n    certificates:\n      operators: [\"").append(operator).append("\"]\n");
        Path local = Files.writeString(home.resolve("node.yaml"), yaml);
        TestPki.Issued cert = control.certificate(id);
        return ControlLink.builder(URI.create("https://127.0.0.1:" + control.plane.address().getPort()), id,
                        home.resolve("cache"))
                .credentials(new ControlCredentials(control.pki.caFile(), cert.certFile(), cert.keyFile(), null))
                .local(List.of(local)).heartbeat(Duration.ofMillis(200)).start();
    }

    private long reporting() throws Exception {
        JsonNode nodes = TestClient.json(control.as("viewer").get("/v1/nodes"));
        long n = 0;
        for (JsonNode node : nodes) {
            n += node.path("console").isTextual() ? 1 : 0;
        }
        return n;
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {console1, console2, node1, node2}) {
            if (c != null) {
                c.close();
            }
        }
        if (recorder != null) {
            recorder.stop(0);
        }
        if (control != null) {
            control.close();
        }
    }

    @Test
    void aSignedInUserSeesEveryNodeAndANodesViewsThroughTheRelay() throws Exception {
        String cookie = signIn(control.token("alice", List.of("viewer")));
        HttpResponse<String> me = get(null, cookie, "/api/me");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(TestClient.json(me).get("role").asText()).isEqualTo("viewer");

        JsonNode nodes = TestClient.json(get(null, cookie, "/api/nodes"));
        assertThat(nodes.findValuesAsText("id")).containsExactly("node-1", "node-2", "node-3");
        JsonNode n1 = nodes.get(0);
        assertThat(n1.get("live").asBoolean()).isTrue();
        assertThat(n1.get("digest").asText()).isEqualTo(digest);
        assertThat(n1.get("console").asText()).isEqualTo(console1.advertised().toString());
        assertThat(n1.get("counters").has("requests")).isTrue();
        assertThat(nodes.get(2).get("counters").get("requests").asLong()).isEqualTo(7);

        // the page of a node's view, then its data relayed from that node's console
        HttpResponse<String> page = get(null, cookie, "/nodes/node-1/traffic");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"view-traffic\"");
        HttpResponse<String> traffic = get(null, cookie, "/nodes/node-1/api/traffic");
        assertThat(traffic.statusCode()).as(traffic.body()).isEqualTo(200);
        String served = node1.node().plan().digest().toString(); // the node's own (its local sections too)
        assertThat(TestClient.json(traffic).get("plan").asText()).isEqualTo(served);
        assertThat(TestClient.json(traffic).get("audit").asBoolean()).as("node-1 keeps an audit log").isTrue();
        HttpResponse<String> decisions = get(null, cookie, "/nodes/node-1/api/decisions?verdict=denied");
        assertThat(decisions.statusCode()).as(decisions.body()).isEqualTo(200);
        assertThat(TestClient.json(decisions).has("rows")).as(decisions.body()).isTrue();
        HttpResponse<String> audit = get(null, cookie, "/nodes/node-1/api/audit");
        assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);

        // the event stream, relayed as it comes
        HttpResponse<InputStream> stream = client(null).send(request(cookie, "/nodes/node-1/api/stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null && !line.startsWith("data: {")) {
                // retry and event lines first
            }
            assertThat(line).contains("\"plan\":\"" + served + "\"");
        }
    }

    @Test
    void aViewerIsRefusedAnOperatorEndpointBeforeAnythingReachesTheNode() throws Exception {
        String viewer = signIn(control.token("victor", List.of("viewer")));
        int before = recorded.size();
        HttpResponse<String> proof = get(null, viewer, "/nodes/node-3/api/audit/proof?record=0");
        assertThat(proof.statusCode()).isEqualTo(403);
        HttpResponse<String> explain = post(viewer, "/nodes/node-3/api/explain",
                "{\"source\":\"workload:client-1\",\"api\":\"orders\",\"request\":\"GET /\",\"token\":\"a.b.c\"}");
        assertThat(explain.statusCode()).isEqualTo(403);
        assertThat(get(null, viewer, "/nodes/node-3/api/not-an-endpoint").statusCode()).isEqualTo(404);
        assertThat(recorded).hasSize(before);

        // what a viewer may read goes through, with the control plane's certificate and nothing of the user's
        HttpResponse<String> traffic = get(null, viewer, "/nodes/node-3/api/traffic");
        assertThat(traffic.statusCode()).as(traffic.body()).isEqualTo(200);
        assertThat(traffic.body()).contains("recorded");
        assertThat(recorded).hasSize(before + 1);
        Map<String, Object> last = recorded.get(recorded.size() - 1);
        assertThat(last.get("uri")).isEqualTo("/api/traffic");
        assertThat(last.get("peer").toString()).isEqualTo("CN=control-console");
        @SuppressWarnings("unchecked")
        Map<String, List<String>> headers = (Map<String, List<String>>) last.get("headers");
        assertThat(headers.keySet()).noneMatch(h -> h.equalsIgnoreCase("Cookie") || h.equalsIgnoreCase("Authorization"));

        // what a node answers is passed on only as what its endpoints answer: never as a page of the control plane
        HttpResponse<String> html = get(null, viewer, "/nodes/node-3/api/changes");
        assertThat(html.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(html.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'");

        // an operator (here by client certificate, its --cert-role roles) may fetch a proof: forwarded with its query
        HttpResponse<String> operatorProof = get(control.certificate("operator"), null, "/nodes/node-3/api/audit/proof?record=0");
        assertThat(operatorProof.statusCode()).as(operatorProof.body()).isEqualTo(200);
        assertThat(recorded.get(recorded.size() - 1).get("uri")).isEqualTo("/api/audit/proof?record=0");
    }

    @Test
    void anUnauthenticatedCallerGetsNothing() throws Exception {
        int before = recorded.size();
        assertThat(get(null, null, "/api/nodes").statusCode()).isEqualTo(401);
        assertThat(get(null, null, "/nodes/node-3/api/traffic").statusCode()).isEqualTo(401);
        HttpResponse<String> page = get(null, null, "/nodes/node-1/traffic");
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).contains("/login");
        assertThat(get(null, "portcullis_console=forged", "/nodes/node-3/api/traffic").statusCode()).isEqualTo(401);
        // a certificate the CA signed but without a console role, and a token without one, sign nobody in
        assertThat(get(control.certificate("proposer"), null, "/api/nodes").statusCode()).isEqualTo(401);
        HttpResponse<String> refused = login(control.token("mallory", List.of("proposer")));
        assertThat(refused.headers().firstValue("Location")).contains("/login?refused=1");
        assertThat(recorded).hasSize(before);
    }

    @Test
    void aNodeConsoleThatRefusesTheControlPlaneIsTheSameUniformErrorAsAnUnknownNode() throws Exception {
        String cookie = signIn(control.token("olga", List.of("operator")));
        HttpResponse<String> refusing = get(null, cookie, "/nodes/node-2/api/traffic");
        HttpResponse<String> unknown = get(null, cookie, "/nodes/node-9/api/traffic");
        assertThat(refusing.statusCode()).isEqualTo(502);
        assertThat(unknown.statusCode()).isEqualTo(502);
        assertThat(refusing.body()).isEqualTo(unknown.body()).isEqualTo("{\"error\":\"the node's console cannot be reached\"}\n");
        assertThat(get(null, cookie, "/nodes/node-2/api/stream").statusCode()).isEqualTo(502);
        // node-2 itself answers its own operator, so it is the control plane's identity it refuses
        assertThat(TestClient.json(get(null, cookie, "/api/nodes")).get(1).get("live").asBoolean()).isTrue();
    }

    @Test
    void theControlPlanesPagesOpenANodesViewsInABrowserWithoutErrors(@TempDir Path profile) throws Exception {
        // Chromium trusts exactly the control plane's server key (the test CA is not in its store)
        String spki = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                .digest(control.server.certificate().getPublicKey().getEncoded()));
        ChromeDriver browser = HeadlessChromium.start(profile, 1366, 900, "--ignore-certificate-errors-spki-list=" + spki);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(consoleUrl.resolve("/nodes").toString());
            assertThat(browser.getCurrentUrl()).endsWith("/login");
            WebElement box = browser.findElement(By.id("token"));
            ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", box,
                    control.token("vera", List.of("viewer")));
            browser.findElement(By.cssSelector("form button[type=submit]")).click();
            wait.until(b -> b.getCurrentUrl().endsWith("/nodes"));
            wait.until(b -> b.findElements(By.cssSelector("#nodes tbody tr")).size() == 3);
            assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("vera (viewer)");
            assertThat(browser.findElements(By.cssSelector("nav li:not([hidden]) a")).stream().map(WebElement::getText))
                    .containsExactly("Nodes");
            shot(browser, "cluster-nodes");

            browser.findElement(By.linkText("Open node-1")).click();
            wait.until(b -> b.getCurrentUrl().endsWith("/nodes/node-1/traffic"));
            String served = node1.node().plan().digest().toString();
            wait.until(b -> b.findElement(By.id("plan")).getText().equals(served));
            wait.until(b -> b.findElement(By.id("live")).getText().equals("live"));
            assertThat(browser.findElement(By.id("node-name")).getText()).isEqualTo("node node-1");
            shot(browser, "cluster-node-traffic");

            browser.findElement(By.cssSelector("nav a[data-view=audit]")).click();
            wait.until(b -> b.getCurrentUrl().endsWith("/nodes/node-1/audit"));
            wait.until(b -> !b.findElement(By.id("audit-verification")).getText().isBlank());
            assertThat(browser.findElement(By.id("audit-key")).getAttribute("href")).endsWith("/nodes/node-1/api/audit/key");
            browser.findElement(By.cssSelector("nav a[data-view=changes]")).click();
            wait.until(b -> !b.findElement(By.id("changes-body")).getText().isBlank());

            List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
            assertThat(errors).as("browser console errors").isEmpty();
        } finally {
            browser.quit();
        }
    }

    @Test
    void aHeartbeatNamesOnlyAnHttpsConsoleRoot() throws Exception {
        TestClient node = control.as("node-3");
        String expected = " (expected: the node console's address, https://HOST:PORT/)";
        for (String bad : List.of("http://127.0.0.1:9443/", "https://127.0.0.1:9443/api/", "https://user@127.0.0.1:9443/",
                "https://127.0.0.1/", "https://127.0.0.1:9443/?x=1", "file:///etc/passwd", "https://127.0.0.1:9443/#x")) {
            HttpResponse<String> r = node.post("/v1/nodes/node-3/heartbeat", Map.of("digest", digest, "ready", true,
                    "console", bad));
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(TestClient.json(r).get("error").asText()).isEqualTo("console: '" + bad + "'" + expected);
        }
        assertThat(TestClient.json(control.as("viewer").get("/v1/nodes")).get(2).get("console").asText())
                .as("unchanged").isEqualTo("https://127.0.0.1:" + recorder.getAddress().getPort() + "/");
    }

    /** Written to {@code control/target/screenshots} (docs/console.md shows the overview). */
    private static void shot(ChromeDriver browser, String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(dir.resolve(name + ".png"), browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    private String signIn(String token) throws Exception {
        HttpResponse<String> r = login(token);
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).contains("/nodes");
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("Secure").contains("SameSite=Strict");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private HttpResponse<String> login(String token) throws Exception {
        return client(null).send(HttpRequest.newBuilder(consoleUrl.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(TestPki.Issued cert, String cookie, String path) throws Exception {
        return client(cert).send(request(cookie, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String cookie, String path, String json) throws Exception {
        return client(null).send(request(cookie, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String cookie, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(consoleUrl.resolve(path)).timeout(Duration.ofSeconds(30));
        return cookie == null ? b : b.header("Cookie", cookie);
    }

    private HttpClient client(TestPki.Issued cert) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(control.pki.clientContext(cert))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
