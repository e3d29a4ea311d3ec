package io.portcullis.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.runtime.plan.Compilation;
import io.portcullis.runtime.plan.PlanCompiler;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane's API end to end over real TLS on a database of its own: plans submitted, listed, fetched and
 * promoted, the long poll, authentication and roles by certificate and by token, invalid bundles.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControlApiTest {

    private Path dir;
    private ControlFixture control;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        control = ControlFixture.onNewDatabase(dir, "control_api");
    }

    @AfterAll
    void stop() throws Exception {
        if (control != null) {
            control.close();
        }
    }

    @Test
    void answersHealthAndItsApiDocumentWithoutAuthentication() throws Exception {
        HttpResponse<String> health = control.anonymous().get("/healthz");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(TestClient.json(health).get("status").asText()).isEqualTo("ok");
        HttpResponse<String> doc = control.anonymous().get("/v1/openapi.yaml");
        assertThat(doc.statusCode()).isEqualTo(200);
        assertThat(doc.body()).startsWith("openapi: 3");
        assertThat(doc.headers().firstValue("content-type")).hasValue("application/yaml");
    }

    @Test
    void refusesAnAnonymousBodyBeforeReadingIt() throws Exception {
        // a head announcing 30 MiB and no credentials: the 401 comes back while the body is still unsent
        javax.net.ssl.SSLSocketFactory tls = control.pki.clientContext(null).getSocketFactory();
        try (java.net.Socket socket = tls.createSocket(control.plane.address().getHostString(),
                control.plane.address().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /v1/plans HTTP/1.1\r\nHost: control\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (30 << 20) + "\r\n\r\n{\"files\":").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(answer).isEqualTo("HTTP/1.1 401");
        }
        // an authenticated caller's body is still read and answered (201, or 200 when another test stored it first)
        assertThat(control.as("proposer").post("/v1/plans", Map.of("files", Bundles.example("trading"))).statusCode())
                .isIn(200, 201);
    }

    @Test
    void refusesCallersWithoutCredentialsOrWithoutTheRole() throws Exception {
        assertThat(control.anonymous().get("/v1/plans").statusCode()).isEqualTo(401);
        assertThat(control.as("nobody").get("/v1/plans").statusCode()).isEqualTo(403);
        assertThat(control.as("node-1").get("/v1/plans").statusCode()).isEqualTo(403);
        assertThat(control.as("node-1").post("/v1/plans", Map.of("files", Bundles.example("trading"))).statusCode())
                .isEqualTo(403);
        assertThat(control.as("viewer").post("/v1/plans", Map.of("files", Bundles.example("trading"))).statusCode())
                .isEqualTo(403);
        HttpResponse<String> promote = control.as("proposer").put("/v1/current", Map.of("digest", "sha256:" + "0".repeat(64)));
        assertThat(promote.statusCode()).isEqualTo(403);
        assertThat(TestClient.json(promote).get("error").asText()).isEqualTo("PUT /v1/current needs one of the roles operator");
        assertThat(control.as("viewer").get("/v1/plans").statusCode()).isEqualTo(200);
        assertThat(control.as("node-1").post("/v1/nodes/node-1/checkpoints", Map.of()).statusCode()).isEqualTo(400);
    }

    @Test
    void authenticatesBearerTokensWithTheGatewaysVerifierAndRolesFromTheClaim() throws Exception {
        TestClient viewer = control.anonymous().withToken(control.token("alice", List.of("viewer")));
        assertThat(viewer.get("/v1/plans").statusCode()).isEqualTo(200);
        assertThat(viewer.post("/v1/plans", Map.of("files", Map.of("a.yaml", "apis: []"))).statusCode()).isEqualTo(403);
        TestClient spaced = control.anonymous().withToken(control.token("carol", "viewer operator"));
        assertThat(spaced.get("/v1/plans").statusCode()).isEqualTo(200);
        assertThat(spaced.put("/v1/current", Map.of("digest", "sha256:" + "3".repeat(64))).statusCode()).isEqualTo(404);
        TestClient noRoles = control.anonymous().withToken(control.token("bob", List.of("auditor")));
        assertThat(noRoles.get("/v1/plans").statusCode()).isEqualTo(403);
        // a token that does not verify is refused even with a certificate that holds the role
        String forged = control.token("alice", List.of("viewer")).replaceFirst("\\.[^.]+$", ".AAAA");
        assertThat(control.as("viewer").withToken(forged).get("/v1/plans").statusCode()).isEqualTo(401);
        assertThat(control.anonymous().withToken("not-a-jwt").get("/v1/plans").statusCode()).isEqualTo(401);
    }

    @Test
    void submitsListsFetchesAndPromotesPlansAddressedByTheNodesPlanDigest() throws Exception {
        Map<String, String> files = edited("10.30.0.0/16");
        HttpResponse<String> created = control.as("proposer").post("/v1/plans", Map.of("files", files,
                "description", "the trading gateway"));
        assertThat(created.statusCode()).isEqualTo(201);
        String digest = TestClient.json(created).get("digest").asText();
        Path copy = dir.resolve("copy");
        for (Map.Entry<String, String> f : files.entrySet()) {
            java.nio.file.Files.createDirectories(copy.resolve(f.getKey()).getParent());
            java.nio.file.Files.writeString(copy.resolve(f.getKey()), f.getValue());
        }
        try (PlanCompiler compiler = PlanCompiler.create()) {
            Compilation c = compiler.compile(List.of(copy));
            assertThat(digest).isEqualTo(c.plan().orElseThrow().digest().toString()); // what validate prints
        }
        assertThat(TestClient.json(created).get("createdBy").asText()).isEqualTo("cert:CN=proposer");
        HttpResponse<String> again = control.as("proposer").post("/v1/plans", Map.of("files", files));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(TestClient.json(again)).isEqualTo(TestClient.json(created));

        JsonNode list = TestClient.json(control.as("viewer").get("/v1/plans"));
        assertThat(list.findValuesAsText("digest")).contains(digest);
        JsonNode fetched = TestClient.json(control.as("node-1").get("/v1/plans/" + digest));
        assertThat(fetched.get("description").asText()).isEqualTo("the trading gateway");
        assertThat(TestClient.JSON.convertValue(fetched.get("files"), TreeMap.class)).isEqualTo(new TreeMap<>(files));
        assertThat(control.as("viewer").get("/v1/plans/sha256:" + "1".repeat(64)).statusCode()).isEqualTo(404);
        assertThat(control.as("viewer").get("/v1/plans/latest").statusCode()).isEqualTo(400);

        HttpResponse<String> promoted = control.as("operator").put("/v1/current", Map.of("digest", digest));
        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
        long version = TestClient.json(promoted).get("version").asLong();
        JsonNode current = TestClient.json(control.as("node-1").get("/v1/current"));
        assertThat(current.get("version").asLong()).isEqualTo(version);
        assertThat(current.get("digest").asText()).isEqualTo(digest);
        assertThat(current.get("promotedBy").asText()).isEqualTo("cert:CN=operator");
        assertThat(current.get("files").size()).isEqualTo(files.size());
        assertThat(control.as("node-1").get("/v1/current?after=" + version + "&wait=0").statusCode()).isEqualTo(204);
        assertThat(control.as("node-1").get("/v1/current?after=" + (version - 1)).statusCode()).isEqualTo(200);
        // promoting the current plan again changes nothing
        assertThat(TestClient.json(control.as("operator").put("/v1/current", Map.of("digest", digest))).get("version")
                .asLong()).isEqualTo(version);
        HttpResponse<String> unknown = control.as("operator").put("/v1/current", Map.of("digest", "sha256:" + "2".repeat(64)));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(control.as("node-1").get("/v1/current?after=x").statusCode()).isEqualTo(400);
    }

    @Test
    void wakesALongPollWithinASecondOfAPromotion() throws Exception {
        String first = submit(Bundles.example("trading"));
        String second = submit(edited("10.20.0.0/16"));
        long version = TestClient.json(control.as("operator").put("/v1/current", Map.of("digest", first))).get("version").asLong();

        long t0 = System.nanoTime();
        HttpResponse<String> idle = control.as("node-1").get("/v1/current?after=" + version + "&wait=1");
        assertThat(idle.statusCode()).isEqualTo(204);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isBetween(900L, 3_000L);

        CompletableFuture<HttpResponse<String>> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return control.as("node-1").get("/v1/current?after=" + version + "&wait=30");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        assertThat(poll).isNotDone();
        HttpResponse<String> promoted = control.as("operator").put("/v1/current", Map.of("digest", second));
        long promotedAt = System.nanoTime();
        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
        HttpResponse<String> woken = poll.get(5, TimeUnit.SECONDS);
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - promotedAt);
        assertThat(woken.statusCode()).isEqualTo(200);
        assertThat(TestClient.json(woken).get("digest").asText()).isEqualTo(second);
        assertThat(TestClient.json(woken).get("version").asLong()).isEqualTo(version + 1);
        System.out.println("long poll answered " + waitedMillis + " ms after the promotion's answer");
        assertThat(waitedMillis).isLessThan(1_000);
    }

    @Test
    void refusesAnInvalidBundleWithEveryProblem() throws Exception {
        Map<String, String> files = new TreeMap<>(Bundles.example("trading"));
        files.put("apis.yaml", files.get("apis.yaml").replaceFirst("account: \"111111111111\"", "account: \"11\""));
        files.put("extra.yaml", "vpcs: [ {id: vpc-x, cidr: 10.0.0.0/33} ]\n");
        HttpResponse<String> r = control.as("proposer").post("/v1/plans", Map.of("files", files));
        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode body = TestClient.json(r);
        assertThat(body.get("problems").size()).isGreaterThanOrEqualTo(2);
        assertThat(body.get("error").asText()).startsWith("invalid bundle: ");
        assertThat(body.get("problems").toString()).contains("apis.yaml:", "extra.yaml:").doesNotContain(dir.toString());

        HttpResponse<String> outside = control.as("proposer").post("/v1/plans", Map.of("files",
                Map.of("../escape.yaml", "apis: []", "keys/k.pem", "x")));
        assertThat(outside.statusCode()).isEqualTo(422);
        assertThat(TestClient.json(outside).get("problems").toString()).contains("files['../escape.yaml']: '..'",
                "no top-level .yaml or .yml file");
        assertThat(control.as("proposer").post("/v1/plans", "{").statusCode()).isEqualTo(400);
        assertThat(TestClient.json(control.as("proposer").post("/v1/plans", Map.of("files", List.of()))).get("error").asText())
                .isEqualTo("files: array (expected: an object of relative path to UTF-8 text)");
    }

    private String submit(Map<String, String> files) throws Exception {
        HttpResponse<String> r = control.as("proposer").post("/v1/plans", Map.of("files", files));
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        return TestClient.json(r).get("digest").asText();
    }

    /** The trading example with one more ingress rule, from {@code cidr} (another plan digest). */
    static Map<String, String> edited(String cidr) {
        Map<String, String> files = new TreeMap<>(Bundles.example("trading"));
        String groups = files.get("groups.yaml");
        String rule = "      - { protocol: tcp, ports: 9443, from: { group: sg-analysts }";
        int at = groups.indexOf(rule);
        assertThat(at).as("the rule the edit follows").isNotNegative();
        int end = groups.indexOf('\n', at);
        files.put("groups.yaml", groups.substring(0, end + 1) + "      - { protocol: tcp, ports: 9443, from: { cidr: " + cidr + " } }\n"
                + groups.substring(end + 1));
        return files;
    }
}
