package io.portcullis.runtime.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import org.junit.jupiter.api.Test;

/** Which pairs of decisions count as a difference, and under which key. */
class DifferenceTest {

    private static final Reason RULE = new Reason(Layer.NETWORK, "security-group-rule");
    private static final Reason NO_RULE = new Reason(Layer.NETWORK, "no-matching-rule");
    private static final Reason BAD_TOKEN = new Reason(Layer.IDENTITY, "token-invalid");
    private static final Reason POLICY_DENY = new Reason(Layer.POLICY, "explicit-deny");

    @Test
    void twoAllowsAgreeWhicheverRuleDecided() {
        assertThat(Difference.of("request", "orders", Decision.allow(RULE, "sg-a ingress[0]", ""),
                Decision.allow(RULE, "sg-b ingress[3]", ""))).isNull();
    }

    @Test
    void twoDenialsForTheSameReasonAgree() {
        assertThat(Difference.of("request", "orders", Decision.deny(BAD_TOKEN, "jwt", "expired"),
                Decision.deny(BAD_TOKEN, "jwt", "expired at another time"))).isNull();
    }

    @Test
    void aCandidateThatDeniesIsKeyedByItsReason() {
        assertThat(Difference.of("connection", "orders", Decision.allow(RULE, "sg-a ingress[1]", ""),
                Decision.deny(NO_RULE, "", ""))).isEqualTo(
                new Difference("connection", "orders", "network", "allow", "deny", "no-matching-rule"));
    }

    @Test
    void aCandidateThatAllowsIsKeyedByTheLiveReason() {
        assertThat(Difference.of("request", "orders", Decision.deny(POLICY_DENY, "policy[0] Statement[0]", ""),
                Decision.allow(RULE, "", ""))).isEqualTo(
                new Difference("request", "orders", "policy", "deny", "allow", "explicit-deny"));
    }

    @Test
    void twoDenialsForDifferentReasonsAreKeyedByTheCandidates() {
        assertThat(Difference.of("request", "payments", Decision.deny(POLICY_DENY, "", ""),
                Decision.deny(BAD_TOKEN, "", ""))).isEqualTo(
                new Difference("request", "payments", "identity", "deny", "deny", "token-invalid"));
    }
}
