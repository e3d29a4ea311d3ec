package io.portcullis.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import org.junit.jupiter.api.Test;

class AuthorizationTest {

    static final Decision DENY = Decision.deny(new Reason(Layer.POLICY, "explicit-deny"), "policy[0]", "");
    static final Decision ALLOW = Decision.allow(new Reason(Layer.IDENTITY, "token-accepted"), "", "");

    @Test
    void deniesOnlyWith401Or403AndAllowsWithNoStatus() {
        assertThat(new Authorization(DENY, 401, "", "", "").status()).isEqualTo(401);
        assertThat(Authorization.forbidden(DENY, "p", "s", "i").status()).isEqualTo(403);
        assertThatThrownBy(() -> new Authorization(DENY, 404, "", "", ""))
                .hasMessage("status: 404 (expected: 401 or 403 for a denial)");
        assertThatThrownBy(() -> new Authorization(DENY, 0, "", "", ""))
                .hasMessage("status: 0 (expected: 401 or 403 for a denial)");
        assertThatThrownBy(() -> new Authorization(ALLOW, 200, "", "", ""))
                .hasMessage("status: 200 (expected: 0 for an allow)");
        assertThat(Authorization.allow(ALLOW, "p", "s", "i").allowed()).isTrue();
    }

    @Test
    void decidesOnlyAtTheIdentityOrPolicyLayer() {
        Decision network = Decision.deny(new Reason(Layer.NETWORK, "no-matching-rule"), "", "");
        assertThatThrownBy(() -> Authorization.unauthenticated(network))
                .hasMessage("decision.layer: NETWORK (expected: IDENTITY or POLICY)");
        assertThatThrownBy(() -> new Authorization(ALLOW, 0, null, "", "")).hasMessage("principal");
    }

    @Test
    void failsClosedWhenTheAuthorizerThrowsOrAnswersNothing() {
        Authorization thrown = Authorization.decide(facts -> {
            throw new IllegalStateException("boom");
        }, null);
        assertThat(thrown.allowed()).isFalse();
        assertThat(thrown.status()).isEqualTo(403);
        assertThat(thrown.decision().reason()).isEqualTo(AuthReasons.AUTHORIZER_ERROR);
        assertThat(thrown.decision().detail()).isEqualTo("authorizer threw java.lang.IllegalStateException: boom");
        assertThat(Authorization.decide(facts -> null, null).decision().detail()).isEqualTo("authorizer returned null");
        assertThat(Authorization.decide(RequestAuthorizer.NONE, null)).isSameAs(Authorization.NOT_REQUIRED);
    }
}
