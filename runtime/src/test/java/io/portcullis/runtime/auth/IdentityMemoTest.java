package io.portcullis.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.identity.jwt.VerifiedToken;
import io.portcullis.settings.JwsAlg;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdentityMemoTest {

    private static VerifiedToken token(String subject) {
        return new VerifiedToken(subject, "https://issuer", "k1", JwsAlg.ES256, 0, Map.of("sub", subject));
    }

    @Test
    void derivesOncePerInstance() {
        AtomicInteger derived = new AtomicInteger();
        IdentityMemo<VerifiedToken, ApiAuthorizer.TokenPrincipal> memo = new IdentityMemo<>(512, t -> {
            derived.incrementAndGet();
            return ApiAuthorizer.TokenPrincipal.of("arn:aws:iam::111122223333:role/" + t.subject());
        });
        VerifiedToken t = token("alice");
        for (int i = 0; i < 100; i++) {
            assertThat(memo.get(t).arn()).isEqualTo("arn:aws:iam::111122223333:role/alice");
        }
        assertThat(derived).hasValue(1);
        assertThat(memo.get(t).principal().account()).isEqualTo("111122223333");
    }

    @Test
    void everyKeyGetsItsOwnValueWhenSlotsCollide() {
        IdentityMemo<VerifiedToken, ApiAuthorizer.TokenPrincipal> memo = new IdentityMemo<>(16,
                t -> ApiAuthorizer.TokenPrincipal.of(t.subject().startsWith("none") ? null
                        : "arn:aws:iam::111122223333:role/" + t.subject()));
        List<VerifiedToken> tokens = new ArrayList<>();
        for (int i = 0; i < 2000; i++) { // far more keys than slots: collisions are certain
            tokens.add(token((i % 7 == 0 ? "none-" : "r") + i));
        }
        for (int round = 0; round < 3; round++) {
            for (VerifiedToken t : tokens) {
                ApiAuthorizer.TokenPrincipal named = memo.get(t);
                if (t.subject().startsWith("none")) {
                    assertThat(named.arn()).isNull();
                    assertThat(named.principal().account()).isEmpty();
                } else {
                    assertThat(named.arn()).isEqualTo("arn:aws:iam::111122223333:role/" + t.subject());
                    assertThat(named.principal().id()).isEqualTo(named.arn());
                }
            }
        }
    }

    @Test
    void equalKeysThatAreDistinctInstancesAreNotConfused() {
        IdentityMemo<List<String>, String> memo = new IdentityMemo<>(1, l -> String.join(",", l));
        List<String> a = new ArrayList<>(List.of("x"));
        List<String> b = new ArrayList<>(List.of("x"));
        assertThat(memo.get(a)).isEqualTo("x");
        b.add("y"); // equal to a when it was first asked, now not: identity decides, never equality
        assertThat(memo.get(b)).isEqualTo("x,y");
    }

    @Test
    void slotsMustBeAPowerOfTwo() {
        assertThatThrownBy(() -> new IdentityMemo<String, String>(12, s -> s)).hasMessageContaining("power of two");
    }
}
