package io.portcullis.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.audit.verify.AuditRecords;
import io.portcullis.audit.verify.AuditVerifier;
import io.portcullis.audit.verify.VerificationResult;
import io.portcullis.runtime.demo.DemoConfig;
import io.portcullis.runtime.demo.DemoUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node with audit, access log and admin listener on the demo configuration: every decision leaves evidence. */
class EvidenceEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void everyDecisionIsAuditedLoggedAndCounted() throws Exception {
        KeyPair keys = AuditKeys.generate();
        AuditKeys.writeSigningKey(dir.resolve("audit.key"), keys);
        String digest;
        try (DemoUpstream upstream = DemoUpstream.start()) { // first: its own port is never one handed out below
            int port = LoopbackClient.freePort();
            int admin = LoopbackClient.freePort();
            Path config = DemoConfig.write(dir, port, LoopbackClient.freePort(), LoopbackClient.freePort(), upstream.uri()).file();
            Files.writeString(config, Files.readString(config) + """
                    audit: {dir: audit, signingKey: audit.key, fsyncInterval: 5ms, checkpointInterval: 1s}
                    accessLog: {path: access.log}
                    admin: {listen: "127.0.0.1:%d"}
                    """.formatted(admin));
            try (Node node = Node.builder(List.of(config)).build().start()) {
                digest = node.plan().digest().toString();
                assertThat(LoopbackClient.once("127.0.1.11", port, "/orders/1?secret=hunter2")).isEqualTo(200);
                assertThat(LoopbackClient.once("127.0.1.14", port, "/orders/1")).isEqualTo(-1);
                assertThat(LoopbackClient.once("127.0.1.11", port, "/nowhere")).isEqualTo(404);

                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + admin;
                assertThat(get(http, base + "/healthz").statusCode()).isEqualTo(200);

                // Log rotation: the file is renamed, then SIGHUP (a reload) reopens the path; later lines go there.
                awaitLines(dir.resolve("access.log"), 3);
                Files.move(dir.resolve("access.log"), dir.resolve("access.log.1"));
                assertThat(node.reload().applied()).isTrue();
                assertThat(LoopbackClient.once("127.0.1.11", port, "/orders/2")).isEqualTo(200);
                awaitLines(dir.resolve("access.log"), 1);
                HttpResponse<String> ready = get(http, base + "/readyz");
                assertThat(ready.statusCode()).isEqualTo(200);
                String metrics = get(http, base + "/metrics").body();
                assertThat(metrics).contains("portcullis_audit_queued").contains("portcullis_audit_durable_records")
                        .contains("api=\"orders\"").contains("no-matching-rule");
            }
        }
        VerificationResult verified = AuditVerifier.verify(dir.resolve("audit"), keys.getPublic());
        assertThat(verified.intact()).as(verified.toString()).isTrue();
        List<String> records = new ArrayList<>();
        AuditRecords.forEach(dir.resolve("audit"), (i, payload) -> records.add(new String(payload, StandardCharsets.UTF_8)));
        assertThat(records).anySatisfy(r -> assertThat(r).contains("\"kind\":\"connection\"").contains("no-matching-rule")
                .contains("127.0.1.14").contains("legacy-1"));
        assertThat(records).anySatisfy(r -> assertThat(r).contains("\"kind\":\"request\"").contains("\"status\":200")
                .contains("trader-1").contains("sg-orders-api ingress[0]"));
        assertThat(records).anySatisfy(r -> assertThat(r).contains("\"status\":404").contains("no-route"));
        assertThat(String.join("\n", records)).doesNotContain("hunter2");
        assertThat(records).as("every record names the plan that decided").isNotEmpty()
                .allSatisfy(r -> assertThat(r).contains("\"plan\":\"" + digest + "\""));

        String access = Files.readString(dir.resolve("access.log.1"));
        assertThat(access.lines()).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
        assertThat(Files.readString(dir.resolve("access.log"))).contains("\"path\":\"/orders/2\"").hasLineCount(1);
        assertThat(access).doesNotContain("hunter2");
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = access.lines().map(line -> read(json, line)).toList();
        JsonNode served = lines.stream().filter(l -> l.path("status").asInt() == 200).findFirst().orElseThrow();
        assertThat(served.path("kind").asText()).isEqualTo("request");
        assertThat(served.path("path").asText()).isEqualTo("/orders/1?<redacted>");
        assertThat(served.path("workload").asText()).isEqualTo("trader-1");
        assertThat(served.path("decidedBy").asText()).isEqualTo("policy[0] Statement[1] (Sid AllowRest)");
        assertThat(served.has("detail")).as("an allow has no detail").isFalse();
        JsonNode refused = lines.stream().filter(l -> l.path("kind").asText().equals("connection")).findFirst().orElseThrow();
        assertThat(refused.path("sourceAddress").asText()).isEqualTo("127.0.1.14");
        assertThat(refused.path("workload").asText()).isEqualTo("legacy-1");
        assertThat(refused.path("decision").asText() + " " + refused.path("layer").asText() + "/"
                + refused.path("reason").asText()).isEqualTo("DENY NETWORK/no-matching-rule");
        assertThat(refused.has("decidedBy")).as("decidedBy on every line, empty for an implicit deny").isTrue();
        assertThat(refused.path("detail").asText()).isNotEmpty();
        assertThat(refused.path("bytesIn").asLong()).as("nothing read before admission").isZero();
        JsonNode notFound = lines.stream().filter(l -> l.path("status").asInt() == 404).findFirst().orElseThrow();
        assertThat(notFound.path("layer").asText() + "/" + notFound.path("reason").asText() + " by "
                + notFound.path("decidedBy").asText()).isEqualTo("POLICY/no-route by routes");
        assertThat(notFound.path("detail").asText()).isEqualTo("no route for /nowhere");
    }

    private static JsonNode read(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    /** Waits (up to five seconds) until the file exists with at least {@code n} lines. */
    private static void awaitLines(Path file, int n) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!(Files.exists(file) && Files.readAllLines(file).size() >= n) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(file).exists();
        assertThat(Files.readAllLines(file)).as(file.toString()).hasSizeGreaterThanOrEqualTo(n);
    }

    private static HttpResponse<String> get(HttpClient http, String uri) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void threatFeedsBlockAndAlertsReachTheWebhook() throws Exception {
        KeyPair keys = AuditKeys.generate();
        AuditKeys.writeSigningKey(dir.resolve("audit.key"), keys);
        Files.createDirectories(dir.resolve("feeds"));
        Files.writeString(dir.resolve("feeds/blocked.txt"), "# local blocklist\r\n127.0.1.12/32 # risk-1 went rogue\r\n2001:db8::/32\r\n");
        java.util.concurrent.BlockingQueue<String> hooks = new java.util.concurrent.LinkedBlockingQueue<>();
        com.sun.net.httpserver.HttpServer webhook = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 16);
        webhook.createContext("/hook", ex -> {
            hooks.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        webhook.start();
        try (DemoUpstream upstream = DemoUpstream.start()) { // first: its own port is never one handed out below
            int port = LoopbackClient.freePort();
            Path config = DemoConfig.write(dir, port, LoopbackClient.freePort(), LoopbackClient.freePort(), upstream.uri()).file();
            Files.writeString(config, Files.readString(config) + """
                    audit: {dir: audit, signingKey: audit.key, fsyncInterval: 5ms}
                    threatFeeds:
                      - {name: local-blocklist, file: feeds/blocked.txt, format: plain, refresh: 1h}
                      - {name: missing-feed, file: feeds/missing.txt, format: plain, refresh: 1h}
                    alerts:
                      webhook: {url: "http://127.0.0.1:%d/hook", attempts: 3, initialBackoff: 100ms}
                      rules:
                        - {name: scanners, type: denials-per-source, threshold: 3, window: 1m}
                    """.formatted(webhook.getAddress().getPort()));
            try (Node node = Node.builder(List.of(config)).build().start()) {
                assertThat(LoopbackClient.once("127.0.1.12", port, "/orders/1")).as("blocked by the feed").isEqualTo(-1);
                assertThat(LoopbackClient.once("127.0.1.11", port, "/orders/1")).isEqualTo(200);
                for (int i = 0; i < 3; i++) {
                    assertThat(LoopbackClient.once("127.0.1.14", port, "/orders/1")).isEqualTo(-1);
                }
                List<String> received = new ArrayList<>();
                long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
                while ((received.stream().noneMatch(h -> h.contains("\"rule\":\"scanners\""))
                        || received.stream().noneMatch(h -> h.contains("feed-failure"))) && System.nanoTime() < deadline) {
                    String h = hooks.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                    if (h != null) {
                        received.add(h);
                    }
                }
                assertThat(received).anySatisfy(h -> assertThat(h).contains("\"rule\":\"scanners\"")
                        .contains("\"type\":\"denials-per-source\"").contains("\"key\":\"legacy-1\"").contains("\"count\":3"));
                assertThat(received).anySatisfy(h -> assertThat(h).contains("\"type\":\"feed-failure\"").contains("missing-feed"));
            }
        } finally {
            webhook.stop(0);
        }
        List<String> records = new ArrayList<>();
        AuditRecords.forEach(dir.resolve("audit"), (i, payload) -> records.add(new String(payload, StandardCharsets.UTF_8)));
        assertThat(records).anySatisfy(r -> assertThat(r).contains("\"sourceAddress\":\"127.0.1.12\"")
                .contains("\"feed\":\"local-blocklist\"").contains("\"verdict\":\"deny\""));
    }
}
