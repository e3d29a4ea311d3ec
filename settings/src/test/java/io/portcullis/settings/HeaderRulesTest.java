package io.portcullis.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What header rules may name: never the gateway's own framing, forwarding or request-id headers. */
class HeaderRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"Host", "content-length", "Transfer-Encoding", "Connection", "X-Forwarded-For",
            "x-forwarded-proto", "Forwarded", "X-Request-Id", "Upgrade", "TE"})
    void theGatewaysOwnHeadersCannotBeNamed(String name) {
        assertThatThrownBy(() -> new HeaderRules(Map.of(), List.of(), Map.of(name, "x"), List.of(), Map.of()))
                .hasMessageStartingWith("request.set: '" + name + "' is the gateway's own header");
        assertThatThrownBy(() -> new HeaderRules(Map.of(HeaderRules.IdentityField.PRINCIPAL, name), List.of(), Map.of(),
                List.of(), Map.of())).hasMessageStartingWith("identity.principal: '" + name + "'");
    }

    @Test
    void namesAreTokensValuesArePrintableAndEachFactHasItsOwnHeader() {
        assertThatThrownBy(() -> new HeaderRules(Map.of(), List.of("Bad Name"), Map.of(), List.of(), Map.of()))
                .hasMessage("request.remove[0]: 'Bad Name' (expected: a header name)");
        assertThatThrownBy(() -> new HeaderRules(Map.of(), List.of(), Map.of("X-A", "a\r\nX-Injected: 1"), List.of(), Map.of()))
                .hasMessageStartingWith("request.set: a value with control or non-ASCII characters");
        assertThatThrownBy(() -> new HeaderRules(Map.of(HeaderRules.IdentityField.PRINCIPAL, "X-Who",
                HeaderRules.IdentityField.SUBJECT, "x-who"), List.of(), Map.of(), List.of(), Map.of()))
                .hasMessageContaining("is named twice");
        HeaderRules rules = new HeaderRules(Map.of(HeaderRules.IdentityField.GROUPS, "X-Groups"), List.of("X-Debug"),
                Map.of("X-Env", "prod"), List.of("Server"), Map.of("X-Frame-Options", "DENY"));
        assertThat(rules.requestStripped()).containsExactly("X-Groups", "X-Debug", "X-Env");
    }
}
