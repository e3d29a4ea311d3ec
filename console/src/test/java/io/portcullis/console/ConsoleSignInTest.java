package io.portcullis.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.runtime.Node;
import io.portcullis.runtime.demo.DemoConfig;
import io.portcullis.runtime.demo.DemoUpstream;
import io.portcullis.runtime.plan.Compilation;
import io.portcullis.runtime.plan.PlanCompiler;
import io.portcullis.testing.TestPki;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing in with a client certificate (the console's TLS listener verifies it against {@code tls.clientCa}; its
 * identity must be listed), and the {@code console} section's errors, which {@code validate} reports as
 * {@code run} would meet them.
 */
class ConsoleSignInTest {

    @TempDir
    Path dir;

    @Test
    void aListedClientCertificateSignsInWithItsRoleAndAnUnlistedOneGetsNothing() throws Exception {
        TestPki pki = new TestPki(dir.resolve("pki"));
        TestPki.Issued server = pki.server();
        TestPki.Issued operator = pki.clientWithUri("ops", "spiffe://corp/console/ops");
        TestPki.Issued viewer = pki.clientWithUri("audit", "spiffe://corp/console/audit");
        TestPki.Issued stranger = pki.clientWithUri("other", "spiffe://corp/other");
        int port = ConsoleNode.freePort();
        try (DemoUpstream upstream = DemoUpstream.start()) {
            DemoConfig demo = DemoConfig.write(dir, ConsoleNode.freePort(), ConsoleNode.freePort(), ConsoleNode.freePort(),
                    upstream.uri());
            Path console = Files.writeString(dir.resolve("console.yaml"), String.join("\n",
                    "console:",
                    "  listen: \"127.0.0.1:" + port + "\"",
                    "  tls: {cert: " + server.certFile() + ", key: " + server.keyFile() + ", clientCa: " + pki.caFile() + "}",
                    "  auth:",
                    "    certificates: {operators: [\"spiffe://corp/console/ops\"], viewers: [\"spiffe://corp/console/audit\"]}",
                    ""));
            try (Node node = Node.builder(List.of(demo.file(), console)).build().start();
                 Console c = Console.start(node).orElseThrow()) {
                assertThat(c.uri().toString()).isEqualTo("https://127.0.0.1:" + port + "/");
                assertThat(me(pki, operator, c.uri())).contains("\"role\":\"operator\"").contains("spiffe://corp/console/ops");
                assertThat(me(pki, viewer, c.uri())).contains("\"role\":\"viewer\"");
                assertThat(status(pki, stranger, c.uri().resolve("/api/traffic"))).isEqualTo(401);
                assertThat(status(pki, viewer, c.uri().resolve("/api/audit/proof?record=0"))).isIn(403, 404);
                assertThatThrownBy(() -> status(pki, null, c.uri().resolve("/login"))).as("no certificate: no handshake")
                        .isInstanceOf(java.io.IOException.class);
            }
        }
    }

    @Test
    void validateRefusesAConsoleNobodyCouldSignInToOrThatClashes() throws Exception {
        try (DemoUpstream upstream = DemoUpstream.start()) {
            int orders = ConsoleNode.freePort();
            DemoConfig demo = DemoConfig.write(dir, orders, ConsoleNode.freePort(), ConsoleNode.freePort(), upstream.uri());
            assertThat(errors(demo, "console: {listen: \"127.0.0.1:9\"}"))
                    .anyMatch(e -> e.contains("console.auth: missing (expected: auth.jwt or auth.certificates"));
            assertThat(errors(demo, "console: {listen: \"127.0.0.1:9\", auth: {certificates: {viewers: [a]}}}"))
                    .anyMatch(e -> e.contains("console.auth.certificates: set without tls.clientCa"));
            assertThat(errors(demo, "console: {listen: \"127.0.0.1:9\", auth: {}}"))
                    .anyMatch(e -> e.contains("console.auth: neither jwt nor certificates"));
            assertThat(errors(demo, "console: {listen: \"127.0.0.1:" + orders + "\", auth: {jwt: {issuer: i, audiences: [c], "
                    + "algorithms: [ES256], jwks: demo-jwks.json}}}"))
                    .anyMatch(e -> e.contains("console.listen: 127.0.0.1:" + orders + " is also where API orders listens"));
            assertThat(errors(demo, "console: {listen: \"127.0.0.1:9\", auth: {jwt: {issuer: i, audiences: [c], "
                    + "algorithms: [ES256], jwks: missing.json}}}"))
                    .anyMatch(e -> e.contains("console.auth.jwt"));
        }
    }

    @Test
    void validateRefusesAConsoleWithoutAListenerWhenThereIsNoAdminListenerOrItAsksForTls() throws Exception {
        try (DemoUpstream upstream = DemoUpstream.start()) {
            DemoConfig demo = DemoConfig.write(dir, ConsoleNode.freePort(), ConsoleNode.freePort(), ConsoleNode.freePort(),
                    upstream.uri());
            String jwt = "auth: {jwt: {issuer: i, audiences: [c], algorithms: [ES256], jwks: demo-jwks.json}}";
            assertThat(errors(demo, "console: {" + jwt + "}"))
                    .anyMatch(e -> e.contains("console.listen: missing, and no admin section to serve the console on"));
            assertThat(errors(demo, "admin: {listen: \"127.0.0.1:9\"}\nconsole: {tls: {cert: a.pem, key: a.key}, " + jwt + "}"))
                    .anyMatch(e -> e.contains("console.tls: set without console.listen"));
        }
    }

    private List<String> errors(DemoConfig demo, String section) throws Exception {
        Path file = Files.writeString(dir.resolve("console-" + System.nanoTime() + ".yaml"), section + "\n");
        try (PlanCompiler compiler = PlanCompiler.create()) {
            Compilation c = compiler.compile(List.of(demo.file(), file));
            assertThat(c.plan()).as(section).isEmpty();
            return c.errorLines();
        }
    }

    private static String me(TestPki pki, TestPki.Issued client, URI console) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(pki.clientContext(client)).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(console.resolve("/api/me")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static int status(TestPki pki, TestPki.Issued client, URI uri) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(pki.clientContext(client)).build();
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
