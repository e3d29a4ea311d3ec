package io.portcullis.identity.requirement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.settings.JwsAlg;
import io.portcullis.identity.jwt.VerifiedToken;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteRequirementTest {

    static VerifiedToken token(Map<String, Object> claims) {
        return new VerifiedToken("s", "i", "k", JwsAlg.ES256, Long.MAX_VALUE, claims);
    }

    @Test
    void requiresEveryScopeFromScopeOrScp() {
        RouteRequirement r = new RouteRequirement("POST /orders", List.of("orders:write", "orders:read"), "", List.of());
        assertThat(r.check(token(Map.of("scope", "orders:read orders:write"))).allowed()).isTrue();
        assertThat(r.check(token(Map.of("scp", List.of("orders:write", "orders:read")))).allowed()).isTrue();
        var d = r.check(token(Map.of("scope", "orders:read orders:writer")));
        assertThat(d.reason().toString()).isEqualTo("policy/scope-missing");
        assertThat(d.detail()).isEqualTo("scope 'orders:write' not granted");
        assertThat(r.check(token(Map.of("scope", "xorders:write orders:read"))).allowed()).isFalse();
        assertThat(r.check(token(Map.of())).allowed()).isFalse();
    }

    @Test
    void requiresAnyOneOfTheRoles() {
        RouteRequirement r = new RouteRequirement("DELETE /orders", List.of(), "roles", List.of("admin", "trader"));
        assertThat(r.check(token(Map.of("roles", List.of("viewer", "trader")))).allowed()).isTrue();
        assertThat(r.check(token(Map.of("roles", "viewer trader"))).allowed()).isTrue();
        assertThat(r.check(token(Map.of("roles", List.of("viewer")))).reason().code()).isEqualTo("role-missing");
        assertThat(r.check(token(Map.of("groups", List.of("admin")))).allowed()).isFalse();
    }

    @Test
    void rejectsRequirementsThatCannotBeMet() {
        assertThatThrownBy(() -> new RouteRequirement("r", List.of("a b"), "", List.of()))
                .hasMessage("scopes[0]: 'a b' (expected: a non-empty scope without spaces)");
        assertThatThrownBy(() -> new RouteRequirement("r", List.of(), " ", List.of("admin")))
                .hasMessage("rolesClaim: ' ' (expected: a claim name when anyRoles is set)");
    }
}
