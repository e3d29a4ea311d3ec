package io.portcullis.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.runtime.demo.DemoConfig;
import io.portcullis.runtime.demo.DemoUpstream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shadow mode on loopback: the demo configuration live, a candidate beside it, a real upstream, and clients
 * bound to the workloads' addresses. Only the live plan is enforced; the node's {@code GET /shadow} and metrics
 * show what the candidate decided differently.
 */
class ShadowEndToEndTest {

    private static final String TRADER = "127.0.1.11";
    private static final String RISK = "127.0.1.12";
    private static final String REPORTING = "127.0.2.21";
    /** The orders API's rule for globex's reporting group, the access the candidate closes. */
    private static final String REPORTING_RULE = "      - {protocol: tcp, ports: %d, from: {group: \"222222222222/sg-reporting\"},\n"
            + "         description: \"globex reporting, cross-account over the peering\"}\n";

    @TempDir
    Path dir;
    private DemoUpstream upstream;
    private DemoConfig demo;
    private Path live;
    private Path candidate;
    private int orders;
    private int payments;
    private int admin;
    private Node node;

    @BeforeEach
    void write() throws IOException {
        upstream = DemoUpstream.start();
        orders = LoopbackClient.freePort();
        payments = LoopbackClient.freePort();
        admin = LoopbackClient.freePort();
        demo = DemoConfig.write(dir.resolve("live"), orders, LoopbackClient.freePort(), payments, upstream.uri());
        live = demo.file();
        Files.writeString(live, Files.readString(live) + "admin: {listen: \"127.0.0.1:" + admin + "\"}\n");
        candidate = dir.resolve("candidate").resolve("demo.yaml");
        Files.createDirectories(candidate.getParent());
        Files.copy(live.resolveSibling("demo-jwks.json"), candidate.resolveSibling("demo-jwks.json"));
        Files.copy(live, candidate);
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        upstream.close();
    }

    private void start() {
        node = Node.builder(List.of(live)).shadow(List.of(candidate)).build().start();
    }

    @Test
    void aCandidateThatClosesOneGroupsAccessShowsExactlyThoseDifferencesWhileTheyAreServed() throws Exception {
        String rule = REPORTING_RULE.formatted(orders);
        assertThat(Files.readString(candidate)).contains(rule);
        Files.writeString(candidate, Files.readString(candidate).replace(rule, ""));
        start();

        for (int i = 0; i < 3; i++) {
            assertThat(LoopbackClient.once(REPORTING, orders, "/orders/" + i)).as("served: only live is enforced").isEqualTo(200);
            assertThat(LoopbackClient.once(TRADER, orders, "/orders/" + i)).isEqualTo(200);
            assertThat(LoopbackClient.once(RISK, orders, "/orders/" + i)).isEqualTo(200);
        }

        JsonNode report = awaitSamples(2);
        assertThat(report.path("candidate").path("state").asText()).isEqualTo("shadowing");
        assertThat(report.path("candidate").path("digest").asText()).isNotEqualTo(report.path("live").asText());
        assertThat(report.path("compared").path("connection").asLong()).isEqualTo(9);
        assertThat(report.path("compared").path("request").asLong()).isEqualTo(9);
        assertThat(differences(report)).containsExactly(
                "connection orders network allow deny no-matching-rule 3",
                "request orders network allow deny no-matching-rule 3");
        for (JsonNode sample : report.path("samples")) {
            assertThat(sample.path("source").asText()).isEqualTo(REPORTING + "@vpc-globex");
            assertThat(sample.path("shadow").path("reason").asText()).isEqualTo("no-matching-rule");
            JsonNode liveNetwork = sample.path("explanations").path("live");
            liveNetwork = liveNetwork.has("network") ? liveNetwork.path("network") : liveNetwork;
            assertThat(liveNetwork.path("decision").asText()).isEqualTo("ALLOW");
            assertThat(liveNetwork.path("path").toString()).contains("222222222222/sg-reporting");
            assertThat(sample.path("explanations").path("shadow").path("decision").asText()).isEqualTo("DENY");
        }
        List<String> kinds = new ArrayList<>();
        report.path("samples").forEach(sample -> kinds.add(sample.path("kind").asText()));
        assertThat(kinds).as("at most one sample per difference per second").contains("connection", "request")
                .hasSizeLessThanOrEqualTo(6);
        assertThat(find(report.path("samples"), "connection").path("live").path("decidedBy").asText())
                .contains("sg-orders-api ingress[1]");
        JsonNode request = find(report.path("samples"), "request");
        assertThat(request.path("live").path("decidedBy").asText()).isEqualTo("policy[0] Statement[1] (Sid AllowRest)");
        assertThat(request.path("method").asText()).isEqualTo("GET");
        assertThat(request.path("path").asText()).startsWith("/orders/");
        assertThat(request.path("explanations").path("live").path("status").asInt()).isEqualTo(200);
        assertThat(request.path("explanations").path("shadow").path("status").asInt()).isZero();

        String metrics = get("/metrics").body();
        assertThat(metrics).contains("portcullis_shadow_differences_total{api=\"orders\",kind=\"request\",layer=\"network\","
                + "live=\"allow\",reason=\"no-matching-rule\",shadow=\"deny\"} 3.0");
        assertThat(metrics).contains("portcullis_shadow_differences_total{api=\"orders\",kind=\"connection\",layer=\"network\","
                + "live=\"allow\",reason=\"no-matching-rule\",shadow=\"deny\"} 3.0");
        assertThat(metrics).contains("portcullis_shadow_decisions_total{kind=\"request\"} 9.0");
    }

    @Test
    void aCandidateThatChangesTheTokensAudienceShowsIdentityDifferences() throws Exception {
        Files.writeString(candidate, Files.readString(candidate).replace("audiences: [payments]", "audiences: [payments-v2]"));
        start();
        String token = demo.token("trader-1", List.of("sg-traders"));
        try (LoopbackClient c = new LoopbackClient(TRADER, payments)) {
            assertThat(c.send("GET", "/pay/1", "Authorization: Bearer " + token).status()).isEqualTo(200);
            assertThat(c.send("GET", "/pay/2").status()).as("no token: both plans refuse it alike").isEqualTo(401);
        }
        JsonNode report = awaitSamples(1);
        assertThat(report.path("compared").path("request").asLong()).isEqualTo(2);
        assertThat(report.path("differences")).singleElement().satisfies(d -> {
            assertThat(d.path("kind").asText()).isEqualTo("request");
            assertThat(d.path("api").asText()).isEqualTo("payments");
            assertThat(d.path("layer").asText()).isEqualTo("identity");
            assertThat(d.path("live").asText()).isEqualTo("allow");
            assertThat(d.path("shadow").asText()).isEqualTo("deny");
            assertThat(d.path("count").asLong()).isEqualTo(1);
        });
        JsonNode sample = report.path("samples").get(0);
        assertThat(sample.path("shadow").path("detail").asText()).contains("aud");
        assertThat(sample.toString()).as("a token is never written").doesNotContain(token);
        assertThat(sample.path("explanations").path("shadow").path("decision").asText()).isEqualTo("DENY");
        assertThat(sample.path("explanations").path("live").path("principal").asText())
                .isEqualTo("arn:aws:iam::111111111111:role/trader-1");
    }

    @Test
    void aCandidateEqualToLiveShowsNoDifference() throws Exception {
        start();
        String token = demo.token("trader-1", List.of("sg-traders"));
        assertThat(LoopbackClient.once(TRADER, orders, "/orders/1")).isEqualTo(200);
        assertThat(LoopbackClient.once(REPORTING, orders, "/orders/1")).isEqualTo(200);
        assertThat(LoopbackClient.once("127.0.1.14", orders, "/orders/1")).as("legacy: refused by both").isEqualTo(-1);
        assertThat(LoopbackClient.once(TRADER, orders, "/nowhere")).isEqualTo(404);
        assertThat(LoopbackClient.once(TRADER, payments, new byte[0], "GET", "/pay/1", "Authorization: Bearer " + token)
                .status()).isEqualTo(200);
        JsonNode report = report();
        assertThat(report.path("compared").path("connection").asLong()).isEqualTo(5);
        assertThat(report.path("compared").path("request").asLong()).isEqualTo(4);
        assertThat(report.path("differences")).isEmpty();
        assertThat(report.path("samples")).isEmpty();
        assertThat(report.path("candidate").path("digest").asText()).isEqualTo(report.path("live").asText());
    }

    @Test
    void liveRateLimitRefusalsAreSkippedAndTheShadowTakesNoLiveToken() throws Exception {
        start(); // orders: 5 requests per minute per workload
        List<Integer> statuses = new ArrayList<>();
        try (LoopbackClient c = new LoopbackClient(TRADER, orders)) {
            for (int i = 0; i < 7; i++) {
                statuses.add(c.get("/orders/" + i));
            }
        }
        assertThat(statuses).as("the shadow's own probes leave the live buckets alone")
                .containsExactly(200, 200, 200, 200, 200, 429, 429);
        JsonNode report = report();
        assertThat(report.path("compared").path("request").asLong()).isEqualTo(5);
        assertThat(report.path("skipped").path("request rate-limited").asLong()).isEqualTo(2);
        assertThat(report.path("differences")).isEmpty();
    }

    @Test
    void aCandidateThatDoesNotCompileIsRefusedPreciselyAndLiveKeepsServing() throws Exception {
        String good = Files.readString(candidate);
        Files.writeString(candidate, good.replaceFirst("from: \\{group: sg-trading-clients}", "from: {group: sg-nonexistent}"));
        start();
        List<String> lines = Files.readAllLines(candidate);
        int line = lines.indexOf(lines.stream().filter(l -> l.contains("sg-nonexistent")).findFirst().orElseThrow()) + 1;
        assertThat(node.shadowProblems()).singleElement().asString()
                .startsWith(candidate + ":" + line + ":")
                .endsWith("securityGroups[0](sg-orders-api).ingress[0].from.group: unknown group '111111111111/sg-nonexistent' "
                        + "(expected: a group of a declared account in a VPC connected to vpc-acme)");
        assertThat(LoopbackClient.once(TRADER, orders, "/orders/1")).isEqualTo(200);
        JsonNode report = report();
        assertThat(report.path("candidate").path("state").asText()).isEqualTo("refused");
        assertThat(report.path("candidate").path("problems").asInt()).isEqualTo(node.shadowProblems().size());
        assertThat(report.path("compared")).isEmpty();

        Files.writeString(candidate, good); // fixed: the next reload puts it in shadow
        assertThat(node.reload().applied()).isTrue();
        assertThat(node.shadowProblems()).isEmpty();
        assertThat(LoopbackClient.once(TRADER, orders, "/orders/2")).isEqualTo(200);
        assertThat(report().path("candidate").path("state").asText()).isEqualTo("shadowing");
        assertThat(report().path("compared").path("request").asLong()).isEqualTo(1);

        Files.writeString(candidate, "apis: [\n"); // broken again: refused, the live plan untouched
        Node.LoadResult reload = node.reload();
        assertThat(reload.applied()).isTrue();
        assertThat(node.shadowProblems()).isNotEmpty().allSatisfy(p -> assertThat(p).startsWith(candidate + ":"));
        assertThat(LoopbackClient.once(TRADER, orders, "/orders/3")).isEqualTo(200);
        assertThat(report().path("candidate").path("state").asText()).isEqualTo("refused");
    }

    @Test
    void aNodeWithoutShadowAnswers404() throws Exception {
        node = Node.builder(List.of(live)).build().start();
        assertThat(get("/shadow").statusCode()).isEqualTo(404);
    }

    private static List<String> differences(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode d : report.path("differences")) {
            out.add(String.join(" ", d.path("kind").asText(), d.path("api").asText(), d.path("layer").asText(),
                    d.path("live").asText(), d.path("shadow").asText(), d.path("reason").asText(), d.path("count").asText()));
        }
        out.sort(null);
        return out;
    }

    private static JsonNode find(JsonNode samples, String kind) {
        for (JsonNode s : samples) {
            if (s.path("kind").asText().equals(kind)) {
                return s;
            }
        }
        throw new AssertionError("no " + kind + " sample in " + samples);
    }

    /** The report once the sampler kept {@code n} samples (they are explained off the event loop). */
    private JsonNode awaitSamples(int n) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        JsonNode report = report();
        while (report.path("samples").size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
            report = report();
        }
        return report;
    }

    private JsonNode report() throws Exception {
        HttpResponse<String> r = get("/shadow");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        return new ObjectMapper().readTree(r.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
