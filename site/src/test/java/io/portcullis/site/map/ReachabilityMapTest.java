package io.portcullis.site.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.config.Protocol;
import io.portcullis.engine.Explainer;
import io.portcullis.engine.SourceSpec;
import io.portcullis.runtime.plan.Compilation;
import io.portcullis.runtime.plan.Plan;
import io.portcullis.runtime.plan.PlanCompiler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model of a small plan (src/test/resources/.../map/small.yaml), field by field: each node's account, VPC,
 * tenant and tier (a group's own tag over its account's), members and where it is written; each edge's rules with
 * their traffic, window, expiry, justification and file:line:col; each API's callers exactly as who-can-reach
 * answers, with check's path as each workload's chain.
 */
class ReachabilityMapTest {

    static final Path SMALL = Path.of("src/test/resources/io/portcullis/site/map/small.yaml");
    static final String FILE = SMALL.toString();
    static final Instant AT = Instant.parse("2026-12-07T00:00:00Z");

    static Plan plan;
    static JsonNode map;

    @BeforeAll
    static void compile() throws Exception {
        try (PlanCompiler compiler = PlanCompiler.create()) {
            Compilation c = compiler.compile(List.of(SMALL));
            assertThat(c.errors()).isEmpty();
            plan = c.plan().orElseThrow();
        }
        map = new ObjectMapper().readTree(ReachabilityMap.of(plan, AT));
    }

    @Test
    void namesThePlanTheInstantAndTheAccountsWithTheirTenantAndTier() {
        assertThat(map.get("version").asInt()).isEqualTo(1);
        assertThat(map.get("digest").asText()).isEqualTo(plan.digest().toString());
        assertThat(map.get("at").asText()).isEqualTo("2026-12-07T00:00:00Z");
        assertThat(map.get("accounts").toString()).isEqualTo("[{\"id\":\"111111111111\",\"name\":\"shop\",\"tenant\":\"shop\",\"tier\":\"prod\"},"
                + "{\"id\":\"222222222222\",\"name\":\"ops\",\"tenant\":\"platform\",\"tier\":\"prod\"}]");
    }

    @Test
    void groupsCarryAccountVpcTenantTierMembersAndWhereTheyAreWritten() {
        JsonNode api = node("group:111111111111/sg-cart-api");
        assertThat(api.get("kind").asText()).isEqualTo("group");
        assertThat(api.get("name").asText()).isEqualTo("sg-cart-api");
        assertThat(api.get("key").asText()).isEqualTo("111111111111/sg-cart-api");
        assertThat(api.get("account").asText()).isEqualTo("111111111111");
        assertThat(api.get("vpc").asText()).isEqualTo("vpc-shop");
        assertThat(api.get("tenant").asText()).isEqualTo("shop");
        assertThat(api.get("tier").asText()).as("its own tag over its account's").isEqualTo("api");
        assertThat(api.get("members").asInt()).isZero();
        assertThat(api.get("purpose").asText()).isEqualTo("the cart API's boundary");
        assertThat(api.get("href").asText()).isEqualTo("groups/111111111111_sg-cart-api.html");
        assertThat(api.get("where").asText()).isEqualTo(FILE + ":11:5");

        JsonNode oncall = node("group:222222222222/sg-oncall");
        assertThat(oncall.get("tenant").asText()).as("a tenant tag on the group wins over its account's").isEqualTo("shop");
        assertThat(oncall.get("tier").asText()).isEqualTo("prod");
        assertThat(oncall.get("members").asInt()).isEqualTo(1);
        assertThat(node("group:111111111111/sg-web-blue").get("members").asInt()).isEqualTo(1);
        assertThat(node("group:111111111111/sg-web").get("members").asInt()).as("direct members only").isZero();
    }

    @Test
    void partnersAndRangesAreNodesAndAPartnerIsAMemberOfItsGroup() {
        JsonNode acme = node("partner:acme");
        assertThat(acme.get("account").asText()).isEqualTo("333333333333");
        assertThat(acme.get("cidrs").toString()).isEqualTo("[\"192.0.2.0/24\"]");
        assertThat(acme.get("where").asText()).isEqualTo(FILE + ":31:5");
        assertThat(acme.has("tenant")).as("an undeclared account has no tags").isFalse();
        assertThat(node("cidr:10.9.0.0/24").get("account").asText()).isEmpty();
        assertThat(edge("member", "partner:acme", "group:111111111111/sg-partner-acme")).isNotNull();
    }

    @Test
    void eachAdmissionEdgeCarriesTheRulesThatMakeIt() {
        JsonNode web = edge("admits", "group:111111111111/sg-web", "api:cart");
        assertThat(web.get("rules")).hasSize(1);
        JsonNode r = web.get("rules").get(0);
        assertThat(r.get("id").asText()).isEqualTo("111111111111/sg-cart-api ingress[0]");
        assertThat(r.get("group").asText()).isEqualTo("111111111111/sg-cart-api");
        assertThat(r.get("from").asText()).isEqualTo("111111111111/sg-web");
        assertThat(r.get("traffic").asText()).isEqualTo("tcp/8443");
        assertThat(r.get("when").asText()).isEqualTo("always");
        assertThat(r.get("exception").asBoolean()).isFalse();
        assertThat(r.get("description").asText()).isEqualTo("storefront");
        assertThat(r.get("justification").asText()).isEqualTo("the storefront fills carts (SHOP-1)");
        assertThat(r.get("where").asText()).isEqualTo(FILE + ":17:9");
        assertThat(r.has("schedule")).isFalse();
        assertThat(r.has("expires")).isFalse();

        JsonNode cidr = edge("admits", "cidr:10.9.0.0/24", "api:cart").get("rules").get(0);
        assertThat(cidr.get("schedule").asText()).isEqualTo("sat 01:00-03:00 UTC");
        assertThat(cidr.get("when").asText()).isEqualTo("in force only sat 01:00-03:00 UTC");
        assertThat(cidr.get("where").asText()).isEqualTo(FILE + ":19:9");

        JsonNode oncall = edge("admits", "group:222222222222/sg-oncall", "api:cart").get("rules").get(0);
        assertThat(oncall.get("expires").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(oncall.get("expired").asBoolean()).isTrue();
        assertThat(oncall.get("exception").asBoolean()).isTrue();
        assertThat(oncall.get("justification").asText()).isEqualTo("incident INC-7");
        assertThat(oncall.get("where").asText()).isEqualTo(FILE + ":20:9");
    }

    @Test
    void groupReferencesAreEdgesToo() {
        assertThat(edge("attached", "group:111111111111/sg-cart-api", "api:cart")).isNotNull();
        assertThat(edge("includes", "group:111111111111/sg-web-blue", "group:111111111111/sg-web")).isNotNull();
        assertThat(edge("includes", "group:111111111111/sg-web-green", "group:111111111111/sg-web")).isNotNull();
        JsonNode rule = edge("rule", "group:111111111111/sg-partner-acme", "group:111111111111/sg-cart-api");
        assertThat(rule.get("rules").get(0).get("id").asText()).isEqualTo("111111111111/sg-cart-api ingress[1]");
        assertThat(map.get("edges")).extracting(e -> e.get("id").asText()).doesNotHaveDuplicates();
        assertThat(map.get("edges")).hasSize(4 + 4 + 1 + 2 + 1);
    }

    @Test
    void eachApiSaysWhoCanReachItAsWhoCanReachAndCheckAnswer() {
        JsonNode cart = node("api:cart");
        assertThat(cart.get("account").asText()).isEqualTo("111111111111");
        assertThat(cart.get("vpc").asText()).isEqualTo("vpc-shop");
        assertThat(cart.get("tenant").asText()).isEqualTo("shop");
        assertThat(cart.get("tier").asText()).isEqualTo("prod");
        assertThat(cart.get("listen").asText()).isEqualTo("10.1.255.1:8443");
        assertThat(cart.get("href").asText()).isEqualTo("apis/cart.html");
        assertThat(cart.get("where").asText()).isEqualTo(FILE + ":33:5");

        Explainer explainer = new Explainer(plan.engine().snapshot());
        List<String> expected = new ArrayList<>();
        for (Explainer.Reach r : explainer.whoCanReach("cart", Protocol.TCP.number(), null, AT)) {
            String chain = "workload".equals(r.kind()) && r.now()
                    ? String.join(" → ", explainer.check(new SourceSpec.OfWorkload(r.subject()), "cart", Protocol.TCP.number(), null, AT).path())
                    : r.rule() + " " + r.detail();
            expected.add(r.kind() + " " + r.subject() + " " + r.rule() + " " + r.now() + " | " + chain);
        }
        List<String> actual = StreamSupport.stream(cart.get("reach").spliterator(), false)
                .map(x -> x.get("kind").asText() + " " + x.get("subject").asText() + " " + x.get("rule").asText() + " "
                        + x.get("now").asBoolean() + " | " + String.join(" → ", StreamSupport.stream(x.get("chain").spliterator(), false)
                        .map(JsonNode::asText).toList()))
                .toList();
        assertThat(actual).isEqualTo(expected).containsExactly(
                "workload web-1 111111111111/sg-cart-api ingress[0] true | workload web-1 → member of 111111111111/sg-web-blue → included in "
                        + "111111111111/sg-web → 111111111111/sg-cart-api ingress[0] tcp/8443 from 111111111111/sg-web (storefront)",
                "workload web-2 111111111111/sg-cart-api ingress[0] true | workload web-2 → member of 111111111111/sg-web-green → included in "
                        + "111111111111/sg-web → 111111111111/sg-cart-api ingress[0] tcp/8443 from 111111111111/sg-web (storefront)",
                "partner acme 111111111111/sg-cart-api ingress[1] true | 111111111111/sg-cart-api ingress[1] tcp/8443 from 111111111111/sg-partner-acme",
                "cidr 10.9.0.0/24 111111111111/sg-cart-api ingress[2] false | 111111111111/sg-cart-api ingress[2] tcp/8443 from 10.9.0.0/24; "
                        + "in force only sat 01:00-03:00 UTC, not now");
    }

    @Test
    void theSamePlanGivesTheSameBytes() {
        assertThat(ReachabilityMap.of(plan, AT)).isEqualTo(ReachabilityMap.of(plan, AT));
    }

    @Test
    void theRendererShipsOnTheClasspathAndNothingElseIsServed() {
        assertThat(new String(ReachabilityMap.renderer("reachmap.js"), StandardCharsets.UTF_8)).contains("window.PortcullisReachMap")
                .doesNotContainPattern("https?://(?!www\\.w3\\.org/2000/svg)").doesNotContain("fetch(\"http");
        assertThat(new String(ReachabilityMap.renderer("reachmap.css"), StandardCharsets.UTF_8)).contains(".rm-edge");
        assertThatThrownBy(() -> ReachabilityMap.renderer("../site.css")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("renderer file: ../site.css (expected one of: [reachmap.js, reachmap.css])");
    }

    static JsonNode node(String id) {
        return StreamSupport.stream(map.get("nodes").spliterator(), false).filter(n -> n.get("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no node " + id));
    }

    static JsonNode edge(String kind, String from, String to) {
        return StreamSupport.stream(map.get("edges").spliterator(), false)
                .filter(e -> e.get("kind").asText().equals(kind) && e.get("from").asText().equals(from) && e.get("to").asText().equals(to))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " edge " + from + " -> " + to));
    }
}
