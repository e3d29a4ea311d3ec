package io.portcullis.policy;

import static io.portcullis.policy.Fixtures.API_ARN;
import static io.portcullis.policy.Fixtures.compile;
import static io.portcullis.policy.Fixtures.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import org.junit.jupiter.api.Test;

/** The example policies of the API Gateway Developer Guide ("API Gateway resource policy examples"). */
class ApiGatewayExamplesTest {

    private static final String ALLOW_ALL_DENY_UNLESS_VPC = """
            {"Version": "2012-10-17",
             "Statement": [
               {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"},
               {"Sid": "DenyNotFromVPC", "Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke",
                "Resource": "execute-api:/*", "Condition": {"StringNotEquals": {"aws:SourceVpc": "vpc-2f09a348"}}}]}""";

    @Test
    void denyUnlessSourceVpcAdmitsOnlyThatVpc() {
        PolicySet set = compile(ALLOW_ALL_DENY_UNLESS_VPC);
        assertThat(set.decide(invoke("*", "/prod/GET/pets").put("aws:SourceVpc", "vpc-2f09a348").build()).allowed()).isTrue();
        Decision other = set.decide(invoke("*", "/prod/GET/pets").put("aws:SourceVpc", "vpc-attacker").build());
        assertThat(other.allowed()).isFalse();
        assertThat(other.reason().layer()).isEqualTo(Layer.POLICY);
        assertThat(other.reason().code()).isEqualTo("explicit-deny");
        assertThat(other.decidedBy()).isEqualTo("policy[0] Statement[1] (Sid DenyNotFromVPC)");
        // The seed's lesson: a request with no VPC at all is denied too (negated operator on an absent key is true).
        assertThat(set.decide(invoke("*", "/prod/GET/pets").build()).allowed()).isFalse();
    }

    @Test
    void denyUnlessSourceVpceAdmitsOnlyThatEndpoint() {
        PolicySet set = compile("""
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*",
                   "Condition": {"StringNotEquals": {"aws:sourceVpce": "vpce-1a2b3c4d"}}},
                  {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}]}""");
        assertThat(Fixtures.allowed(set, invoke("*", "/prod/GET/pets").put("aws:SourceVpce", "vpce-1a2b3c4d").build())).isTrue();
        assertThat(Fixtures.allowed(set, invoke("*", "/prod/GET/pets").put("aws:SourceVpce", "vpce-99").build())).isFalse();
    }

    @Test
    void crossAccountAllowGrantsOnlyTheNamedRolesOfTheOtherAccount() {
        PolicySet set = compile("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Principal": {"AWS": ["arn:aws:iam::222222222222:role/developer", "arn:aws:iam::222222222222:role/Admin"]},
                  "Action": "execute-api:Invoke", "Resource": ["execute-api:/stage/GET/pets"]}]}""");
        assertThat(Fixtures.allowed(set, invoke("arn:aws:iam::222222222222:role/developer", "/stage/GET/pets").build())).isTrue();
        // A role's STS session is the role acting.
        assertThat(Fixtures.allowed(set, invoke("arn:aws:sts::222222222222:assumed-role/developer/alice", "/stage/GET/pets").build())).isTrue();
        assertThat(Fixtures.allowed(set, invoke("arn:aws:iam::222222222222:role/guest", "/stage/GET/pets").build())).isFalse();
        assertThat(Fixtures.allowed(set, invoke("arn:aws:iam::222222222222:role/developer", "/stage/POST/pets").build())).isFalse();
        assertThat(Fixtures.allowed(set, invoke("*", "/stage/GET/pets").build())).isFalse();
    }

    @Test
    void anAccountIdPrincipalCoversEveryPrincipalOfThatAccount() {
        PolicySet set = compile("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::333333333333:root"},
                  "Action": "execute-api:*", "Resource": "*"}]}""");
        assertThat(Fixtures.allowed(set, invoke("arn:aws:iam::333333333333:user/bob", "/prod/GET/pets").build())).isTrue();
        assertThat(Fixtures.allowed(set, invoke("arn:aws:iam::444444444444:user/bob", "/prod/GET/pets").build())).isFalse();
    }

    @Test
    void ipDenyBlocksTheRangeAndAllowsTheRest() {
        // x-amazon-apigateway-policy example: allow all, deny 192.0.2.0/24.
        PolicySet set = compile("""
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": ["execute-api:/*"]},
                  {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": ["execute-api:/*"],
                   "Condition": {"IpAddress": {"aws:SourceIp": "192.0.2.0/24"}}}]}""");
        assertThat(Fixtures.allowed(set, invoke("*", "/prod/GET/pets").put("aws:SourceIp", "192.0.2.10").build())).isFalse();
        assertThat(Fixtures.allowed(set, invoke("*", "/prod/GET/pets").put("aws:SourceIp", "203.0.113.10").build())).isTrue();
    }

    @Test
    void theShorthandExpandsAgainstTheApisArnAndMatchesNoOtherApi() {
        PolicySet set = compile("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke",
                 "Resource": "execute-api:/stage-name/GET/pets"}}""");
        assertThat(Fixtures.allowed(set, invoke("*", "/stage-name/GET/pets").build())).isTrue();
        RequestContext otherApi = SimpleRequestContext.builder(Principal.anonymous(), "execute-api:Invoke",
                "arn:aws:execute-api:us-east-1:111111111111:zzzzzzzzzz/stage-name/GET/pets").build();
        assertThat(Fixtures.allowed(set, otherApi)).isFalse();
    }

    @Test
    void actionsMatchCaseInsensitivelyWithWildcards() {
        PolicySet set = compile("""
                {"Statement": {"Effect": "Allow", "Principal": "*", "Action": "Execute-API:inv*", "Resource": "*"}}""");
        assertThat(Fixtures.allowed(set, invoke("*", "/prod/GET/pets").build())).isTrue();
    }

    @Test
    void explicitDenyBeatsAllowWhichBeatsTheImplicitDeny() {
        PolicySet set = compile(ALLOW_ALL_DENY_UNLESS_VPC);
        PolicyResult denied = set.evaluate(invoke("*", "/prod/GET/pets").put("aws:SourceVpc", "vpc-x").build());
        assertThat(denied.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
        assertThat(denied.decisive()).containsExactly(new StatementRef(0, 1, "DenyNotFromVPC"));
        assertThat(denied.trace()).extracting(StatementTrace::applied).containsExactly(true, true);
        PolicyResult allowed = set.evaluate(invoke("*", "/prod/GET/pets").put("aws:SourceVpc", "vpc-2f09a348").build());
        assertThat(allowed.outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(allowed.trace().get(1).failed()).isEqualTo(StatementTrace.Element.CONDITION);
        assertThat(allowed.trace().get(1).detail()).isEqualTo("Condition StringNotEquals aws:sourcevpc is false");
        PolicyResult none = compile("""
                {"Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}}""")
                .evaluate(invoke("*", "/prod/GET/pets").build());
        assertThat(none.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(none.trace().get(0).failed()).isEqualTo(StatementTrace.Element.ACTION);
        assertThat(none.toDecision().reason().code()).isEqualTo("implicit-deny");
        assertThat(none.toDecision().decidedBy()).isEmpty();
    }

    @Test
    void notPrincipalNotActionAndNotResourceApplyToEverythingNotListed() {
        PolicySet set = compile("""
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Principal": "*", "NotAction": "execute-api:ManageConnections", "NotResource": "execute-api:/prod/DELETE/*"},
                  {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111111111111:role/ops"}, "Action": "*", "Resource": "execute-api:/prod/POST/*"}]}""");
        assertThat(Fixtures.allowed(set, invoke("*", "/prod/GET/pets").build())).isTrue();
        assertThat(Fixtures.allowed(set, invoke("*", "/prod/DELETE/pets").build())).isFalse();
        assertThat(Fixtures.allowed(set, invoke("*", "/prod/POST/pets").build())).isFalse();
        assertThat(Fixtures.allowed(set, invoke("arn:aws:iam::111111111111:role/ops", "/prod/POST/pets").build())).isTrue();
        PolicyResult r = set.evaluate(SimpleRequestContext.builder(Principal.anonymous(), "execute-api:ManageConnections", API_ARN + "/prod/GET/x").build());
        assertThat(r.trace().get(0).failed()).isEqualTo(StatementTrace.Element.NOT_ACTION);
    }

    @Test
    void theShorthandWithoutAnApiIsACompileError() {
        PolicyDocument d = PolicyParser.parse("""
                {"Statement": {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "execute-api:/*"}}""").orThrow();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PolicySet.compile(java.util.List.of(d), null))
                .hasMessageContaining("expected: the API's ARN to expand it against");
    }
}
