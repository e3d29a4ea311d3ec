package io.portcullis.runtime.reach;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.engine.Reachability;
import io.portcullis.runtime.plan.Compilation;
import io.portcullis.runtime.plan.PlanCompiler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who can invoke the private APIs of a hand-worked estate (src/test/resources/reach: estate.yaml, apis.yaml).
 * Every expectation was worked out by hand from the security groups, the endpoint policies and the resource
 * policies, the way AWS applies them; the comments say why.
 */
class WhoCanInvokeTest {

    static final Instant AT = Instant.parse("2026-12-07T00:00:00Z");
    static WhoCanInvoke who;

    @BeforeAll
    static void load() throws Exception {
        Path dir = Path.of(WhoCanInvokeTest.class.getResource("/reach/estate.yaml").toURI()).getParent();
        try (PlanCompiler c = PlanCompiler.withClock(Clock.fixed(AT, ZoneOffset.UTC))) {
            Compilation k = c.compile(List.of(dir.resolve("estate.yaml"), dir.resolve("apis.yaml")));
            assertThat(k.errors()).isEmpty();
            who = WhoCanInvoke.of(k.plan().orElseThrow(), AT);
        }
    }

    /** {@code ENDPOINT PRINCIPAL-KIND RESOURCES IDENTITY} per grant of each open way. */
    static List<String> grants(String api) {
        return who.api(api).orElseThrow().open().stream().flatMap(w -> w.grants().stream().map(g -> w.endpoint() + " "
                + g.principal().kind() + " " + g.resourcesLabel() + " " + g.identityPolicy())).toList();
    }

    static List<String> openWays(String api) {
        return who.api(api).orElseThrow().open().stream().map(Way::endpoint).toList();
    }

    static List<String> callers(String api, String endpoint) {
        Way w = who.api(api).orElseThrow().ways().stream().filter(x -> x.endpoint().equals(endpoint)).findFirst().orElseThrow();
        return w.callers().stream().map(c -> (c.kind() == Reachability.Reached.Kind.CIDR ? c.subject() : c.workloads().toString())
                + " by " + c.rule().decidedBy()).toList();
    }

    @Test
    void theSeedsPolicyLetsAnyEndpointOfAnyAccountInvoke() {
        ApiAccess a = who.api("seed-open").orElseThrow();
        // Allow * with no condition: every endpoint whose groups admit someone, and any endpoint outside the estate.
        // vpce-0ddd has no group, so nobody reaches it; vpce-0bbb's endpoint policy lists seedopen01.
        assertThat(openWays("seedopen01")).containsExactly("vpce-0aaa", "vpce-0bbb", WhoCanInvoke.OUTSIDE_ENDPOINT);
        assertThat(a.invocableFromOutside()).isTrue();
        assertThat(a.unrestrictedSource()).isTrue();
        Way outside = a.open().get(2);
        assertThat(outside.grants().get(0).principal().kind()).isEqualTo(PrincipalClass.Kind.ANONYMOUS);
        assertThat(outside.grants().get(0).resourceStatement()).isEqualTo("awsApis[0].resourcePolicy Statement[0]");
    }

    @Test
    void theSeedsRestrictionLeavesOnlyOurEndpointAndItsCallers() {
        ApiAccess a = who.api("seedfixed1").orElseThrow();
        assertThat(openWays("seedfixed1")).containsExactly("vpce-0aaa");
        assertThat(a.invocableFromOutside()).isFalse();
        assertThat(a.unrestrictedSource()).isFalse();
        // sg-vpce-a admits sg-app-a (ingress[0]) and, across the transit gateway, sg-batch-c (ingress[1]); db-a1's
        // rule is tcp/8443, app-d1 and app-b1 are in VPCs not connected to vpc-a.
        assertThat(callers("seedfixed1", "vpce-0aaa")).containsExactly(
                "[app-a1, app-a2] by 111111111111/sg-vpce-a ingress[0]",
                "[batch-c1] by 111111111111/sg-vpce-a ingress[1]");
        assertThat(grants("seedfixed1")).containsExactly(
                "vpce-0aaa ANONYMOUS * NOT_USED", "vpce-0aaa API_ACCOUNT * NOT_USED", "vpce-0aaa OTHER_ACCOUNT * MUST_ALSO_ALLOW");
        Way b = a.ways().get(1);
        assertThat(b.endpoint()).isEqualTo("vpce-0bbb");
        assertThat(b.callers()).isNotEmpty();
        assertThat(b.grants()).as("denied by DenyUnlessOurEndpoint").isEmpty();
    }

    @Test
    void awsSourceVpcExampleAdmitsOnlyTheConsumersCrossAccountEndpoint() {
        assertThat(openWays("onlyvpcb01")).containsExactly("vpce-0bbb");
        // sg-vpce-b admits 10.2.0.0/16: app-b1 and any other address there
        assertThat(callers("onlyvpcb01", "vpce-0bbb")).containsExactly(
                "[app-b1] by 222222222222/sg-vpce-b ingress[0]", "10.2.0.0/16 by 222222222222/sg-vpce-b ingress[0]");
        Grant g = who.api("onlyvpcb01").orElseThrow().open().get(0).grants().get(0);
        assertThat(g.endpointStatement()).isEqualTo("vpcEndpoints[1].policy Statement[0] (Sid TwoApis)");
        assertThat(g.resourceStatement()).isEqualTo("awsApis[2].resourcePolicy Statement[1]");
        assertThat(who.api("onlyvpcb01").orElseThrow().invocableFromOutside()).isFalse();
    }

    @Test
    void denyingOneEndpointLeavesEveryOtherEndpointOfEveryAccount() {
        assertThat(openWays("denyvpceb1")).containsExactly("vpce-0aaa", WhoCanInvoke.OUTSIDE_ENDPOINT);
        assertThat(who.api("denyvpceb1").orElseThrow().invocableFromOutside()).isTrue();
        assertThat(who.api("denyvpceb1").orElseThrow().unrestrictedSource()).isTrue();
    }

    @Test
    void anEndpointPolicyThatDoesNotListTheApiClosesItsEndpoint() {
        ApiAccess a = who.api("not-listed").orElseThrow();
        assertThat(a.ways().get(1).callers()).isNotEmpty();
        assertThat(a.ways().get(1).grants()).as("vpce-0bbb's TwoApis does not list notlisted1").isEmpty();
        // An Allow-only policy denies the outside endpoint only implicitly: a principal of the API's own account may
        // still be allowed there by its identity policy (why AWS recommends an explicit Deny). That alone does not make
        // the API invocable from outside.
        assertThat(grants("notlisted1")).containsExactly("vpce-0aaa ANONYMOUS * NOT_USED", "vpce-0aaa API_ACCOUNT * NOT_USED",
                "vpce-0aaa OTHER_ACCOUNT * MUST_ALSO_ALLOW", WhoCanInvoke.OUTSIDE_ENDPOINT + " API_ACCOUNT * MAY_ALLOW");
        assertThat(a.invocableFromOutside()).isFalse();
    }

    @Test
    void anIamOnlyPolicyGrantsTheNamedRoleItsResourcesFromAnywhere() {
        // No anonymous grant. The reader role (another account) gets prod/GET/* everywhere, if its own identity policy
        // allows too; a principal of the API's account may be allowed by its identity policy alone (the resource policy
        // neither allows nor denies it), on what each endpoint policy lets through: everything at vpce-0aaa (no
        // policy), prod/GET/* at vpce-0bbb.
        assertThat(grants("iamonly001")).containsExactly(
                "vpce-0aaa API_ACCOUNT * MAY_ALLOW", "vpce-0aaa NAMED prod/GET/* MUST_ALSO_ALLOW",
                "vpce-0bbb API_ACCOUNT prod/GET/* MAY_ALLOW", "vpce-0bbb NAMED prod/GET/* MUST_ALSO_ALLOW",
                WhoCanInvoke.OUTSIDE_ENDPOINT + " API_ACCOUNT * MAY_ALLOW",
                WhoCanInvoke.OUTSIDE_ENDPOINT + " NAMED prod/GET/* MUST_ALSO_ALLOW");
        assertThat(who.api("iamonly001").orElseThrow().invocableFromOutside()).as("the reader, through any endpoint").isTrue();
        assertThat(who.api("iamonly001").orElseThrow().unrestrictedSource()).isFalse();
    }

    @Test
    void aPrincipalPatternIsEvaluatedOnAPrincipalItMatches() {
        // ArnLike aws:PrincipalArn role/app-*: the class "a role app-x of 222222222222" is allowed (its identity policy
        // must allow too); other principals of 222222222222 and of other accounts are not, nor anonymous callers (no
        // aws:PrincipalArn); the API's own account may be allowed by its identity policies alone.
        assertThat(grants("arnlike001")).filteredOn(g -> g.startsWith("vpce-0aaa ")).containsExactly(
                "vpce-0aaa API_ACCOUNT * MAY_ALLOW", "vpce-0aaa NAMED * MUST_ALSO_ALLOW");
        Grant named = who.api("arnlike001").orElseThrow().open().get(0).grants().get(1);
        assertThat(named.principal().arn()).isEqualTo("arn:aws:iam::222222222222:role/app-x");
        assertThat(named.resourceStatement()).isEqualTo("awsApis[9].resourcePolicy Statement[0] (Sid AppRoles)");
    }

    @Test
    void aPrivateApiWithoutAResourcePolicyCannotBeInvoked() {
        ApiAccess a = who.api("nopolicy01").orElseThrow();
        assertThat(a.open()).isEmpty();
        assertThat(a.notes()).containsExactly("no resource policy: API Gateway denies every call to a private API without one");
    }

    @Test
    void aRegionalApiIsOpenOnlyToTheRangesItsPolicyAllows() {
        ApiAccess a = who.api("regional").orElseThrow();
        assertThat(a.kind()).isEqualTo(ApiAccess.Kind.AWS_PUBLIC);
        List<String> g = a.open().get(0).grants().stream()
                .map(x -> x.principal().kind() + " " + x.sourceRange() + " " + x.identityPolicy()).toList();
        assertThat(g).containsExactly("ANONYMOUS 192.0.2.0/24 NOT_USED", "API_ACCOUNT 192.0.2.0/24 NOT_USED",
                "API_ACCOUNT any other address MAY_ALLOW", "OTHER_ACCOUNT 192.0.2.0/24 MUST_ALSO_ALLOW");
        assertThat(a.invocableFromOutside()).isTrue();
        assertThat(a.unrestrictedSource()).isFalse();
    }

    /** bare-address is vpc-source-ip with app-a2's address written without /32, as AWS allows: the same split. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"vpc-source-ip, 10.1.1.11/32", "bare-address, 10.1.1.11"})
    void aPolicyOnTheCallersPrivateAddressSplitsTheEndpointsCallers(String api, String range) {
        ApiAccess a = who.api(api).orElseThrow();
        List<Way> viaA = a.ways().stream().filter(w -> w.endpoint().equals("vpce-0aaa")).toList();
        assertThat(viaA).extracting(Way::note).containsExactly("callers whose address is in " + range + " (aws:VpcSourceIp)",
                "callers whose address is in no range the policies name (aws:VpcSourceIp)");
        // app-a2 (10.1.1.11) is admitted by sg-vpce-a but denied by DenyAppA2; app-a1 and batch-c1 are not.
        assertThat(viaA.get(0).callers()).extracting(Reachability.Reached::workloads).containsExactly(List.of("app-a2"));
        assertThat(viaA.get(0).open()).isFalse();
        assertThat(viaA.get(1).callers()).extracting(Reachability.Reached::workloads)
                .containsExactly(List.of("app-a1"), List.of("batch-c1"));
        assertThat(viaA.get(1).grants()).extracting(g -> g.principal().kind() + " " + g.sourceRange()).containsExactly(
                "ANONYMOUS any other address", "API_ACCOUNT any other address", "OTHER_ACCOUNT any other address");
        assertThat(a.entries()).noneMatch(e -> e.caller() != null && e.caller().workloads().contains("app-a2"));
    }

    @Test
    void bareIpv4AndIpv6AddressesAreEachTheirOwnClass() {
        // 192.0.2.7 is 192.0.2.7/32 and 2001:db8::7 is 2001:db8::7/128: each allowed as its own source class
        List<String> g = who.api("bare-addresses-regional").orElseThrow().open().get(0).grants().stream()
                .filter(x -> x.principal().kind() == PrincipalClass.Kind.ANONYMOUS).map(Grant::sourceRange).toList();
        assertThat(g).containsExactly("192.0.2.7", "2001:db8::7");
    }

    @Test
    void theTextReportPrintsTheEstatesTextEscapedOnOneLine() {
        // an API's name and a note quoting its policy are the estate's text: no forged line, no terminal escapes
        ApiAccess a = who.api("no-policy").orElseThrow();
        ApiAccess forged = new ApiAccess(a.kind(), a.id(), "no-policy\n  nobody can invoke it\u001b[2K", a.account(), a.path(),
                List.of(), List.of("Sid \"x\u2028y\u202e\""), java.util.Set.of(a.account()));
        assertThat(AccessReport.text(forged, false).lines()).containsExactly(
                "nopolicy01 (no-policy\\u000a  nobody can invoke it\\u001b[2K): API Gateway private API of 111111111111 [awsApis[5]]",
                "  note: Sid \"x\\u2028y\\u202e\"",
                "  nobody can invoke it");
    }

    @Test
    void theTextReportGroupsCallersAndNamesEveryLayersRule() {
        String text = AccessReport.text(who.api("seedfixed1").orElseThrow(), false);
        assertThat(text).contains("from 2 workloads in vpc-a (111111111111) with [111111111111/sg-app-a]  "
                + "[111111111111/sg-vpce-a ingress[0]: tcp/443 from 111111111111/sg-app-a (apps)]");
        assertThat(text).contains("closed: any execute-api endpoint outside the estate");
        assertThat(AccessReport.text(who.api("seedfixed1").orElseThrow(), true)).contains("from app-a1, app-a2 in vpc-a");
    }
}
