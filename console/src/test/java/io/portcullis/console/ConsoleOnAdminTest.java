package io.portcullis.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.runtime.Node;
import io.portcullis.runtime.demo.DemoConfig;
import io.portcullis.runtime.demo.DemoUpstream;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code console} section without a listener of its own is served by the node's admin listener: the same
 * sign-in and views beside {@code /metrics} and {@code /readyz}, which open consoles never hold up (the section's
 * errors in that form: {@link ConsoleSignInTest}).
 */
class ConsoleOnAdminTest {

    @TempDir
    Path dir;

    @Test
    void theAdminListenerServesTheConsoleBesideItsOwnEndpoints() throws Exception {
        try (DemoUpstream upstream = DemoUpstream.start()) {
            DemoConfig demo = DemoConfig.write(dir, ConsoleNode.freePort(), ConsoleNode.freePort(), ConsoleNode.freePort(),
                    upstream.uri());
            int admin = ConsoleNode.freePort();
            Path console = Files.writeString(dir.resolve("console.yaml"), String.join("\n",
                    "admin: {listen: \"127.0.0.1:" + admin + "\"}",
                    "console:",
                    "  auth:",
                    "    jwt: {issuer: \"" + DemoConfig.ISSUER + "\", audiences: [" + DemoConfig.CONSOLE_AUDIENCE
                            + "], algorithms: [ES256], jwks: demo-jwks.json}",
                    ""));
            try (Node node = Node.builder(List.of(demo.file(), console)).build().start();
                 Console c = Console.start(node).orElseThrow()) {
                URI base = c.uri();
                assertThat(base.toString()).isEqualTo("http://127.0.0.1:" + admin + "/");
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

                // nobody signed in: the sign-in page, a 401 from the API, and the admin endpoints as before
                assertThat(send(http, base.resolve("/traffic"), null).headers().firstValue("Location")).hasValue("/login");
                assertThat(send(http, base.resolve("/api/traffic"), null).statusCode()).isEqualTo(401);
                assertThat(send(http, base.resolve("/login"), null).body()).contains("<form");
                assertThat(send(http, base.resolve("/metrics"), null).body()).contains("portcullis_");
                assertThat(send(http, base.resolve("/readyz"), null).statusCode()).isEqualTo(200);

                HttpResponse<String> login = http.send(HttpRequest.newBuilder(base.resolve("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(
                                demo.consoleToken("alice", "viewer"), StandardCharsets.UTF_8))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(login.headers().firstValue("Location")).hasValue("/traffic");
                String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
                assertThat(send(http, base.resolve("/api/me"), cookie).body()).contains("\"role\":\"viewer\"");
                assertThat(send(http, base.resolve("/api/traffic"), cookie).body()).contains(node.plan().digest().toString());
                assertThat(send(http, base.resolve("/api/audit/proof?record=0"), cookie).statusCode()).isIn(403, 404);

                // every stream the console allows held open: the admin endpoints still answer at once
                List<InputStream> streams = new ArrayList<>();
                try {
                    for (int i = 0; i < 8; i++) {
                        HttpResponse<InputStream> s = http.send(HttpRequest.newBuilder(base.resolve("/api/stream"))
                                .header("Cookie", cookie).timeout(Duration.ofSeconds(5)).build(),
                                HttpResponse.BodyHandlers.ofInputStream());
                        assertThat(s.statusCode()).isEqualTo(200);
                        streams.add(s.body());
                    }
                    HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(base.resolve("/metrics"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(metrics.statusCode()).isEqualTo(200);
                    assertThat(send(http, base.resolve("/readyz"), null).statusCode()).isEqualTo(200);
                } finally {
                    for (InputStream s : streams) {
                        s.close();
                    }
                }
            }
        }
    }

    private static HttpResponse<String> send(HttpClient http, URI uri, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
