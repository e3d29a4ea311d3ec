package io.portcullis.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReasonTest {

    @Test
    void acceptsKebabCodes() {
        assertThat(new Reason(Layer.NETWORK, "no-matching-rule")).hasToString("network/no-matching-rule");
    }

    @Test
    void rejectsCodesThatAreNotSafeTagValues() {
        assertThatThrownBy(() -> new Reason(Layer.POLICY, "Explicit Deny"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("code: 'Explicit Deny' (expected: lower-case kebab words, e.g. 'no-matching-rule')");
    }

    @Test
    void decisionCarriesItsLayerFromTheReason() {
        Decision d = Decision.deny(new Reason(Layer.IDENTITY, "claims-network-mismatch"), "", "groups claim [sg-x] vs [sg-y]");
        assertThat(d.allowed()).isFalse();
        assertThat(d.layer()).isEqualTo(Layer.IDENTITY);
    }
}
