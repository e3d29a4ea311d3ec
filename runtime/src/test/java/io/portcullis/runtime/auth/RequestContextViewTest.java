package io.portcullis.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.portcullis.decision.Source;
import io.portcullis.gateway.auth.RequestFacts;
import io.portcullis.identity.jwt.VerifiedToken;
import io.portcullis.policy.ContextKey;
import io.portcullis.policy.Principal;
import io.portcullis.settings.JwsAlg;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code validate} warns about a condition key that no request carries by asking {@link RequestContextView#carries};
 * that must be exactly the keys {@link RequestContextView#value} answers for a request that has everything (a VPC
 * caller through an endpoint, a known workload, a token and a principal), for every key the policy module knows.
 */
class RequestContextViewTest {

    private static final String ARN = "arn:aws:iam::111111111111:role/orders";

    private static RequestContextView everything(VerifiedToken token) throws Exception {
        Source source = new Source("vpc-a", "vpce-0123456789abcdef0", InetAddress.getByName("10.1.0.5"), "w1",
                "111111111111", List.of("111111111111/sg-c"));
        RequestFacts facts = new RequestFacts("r1", "orders", "/**", "GET", "/orders/1?x=1", new DefaultHttpHeaders(),
                source, null, true, "HTTP/1.1", Instant.parse("2026-11-23T12:00:00Z"));
        return new RequestContextView(facts, Principal.aws(ARN), ARN,
                "arn:aws:execute-api:us-east-1:111111111111:orders/prod/GET/orders/1", token);
    }

    private static VerifiedToken token() {
        return new VerifiedToken("sub-1", "https://idp.test", "k1", JwsAlg.ES256, 0, Map.of("sub", "sub-1", "level", 3L,
                "groups", List.of("sg-c")));
    }

    @Test
    void carriesExactlyTheWellKnownKeysAFullRequestHasAValueFor() throws Exception {
        RequestContextView view = everything(token());
        for (String name : ContextKey.wellKnownNames()) {
            ContextKey key = ContextKey.of(name);
            if (key.id() >= ContextKey.SOURCE_COUNTRY && key.id() <= ContextKey.SOURCE_TOR_EXIT_NODE) {
                // Location keys come from the node's geo databases, which this view has none of; whether a policy
                // may name one without a database is validate's warning (GeoPlanTest).
                assertThat(RequestContextView.carries(key, true)).as(name).isTrue();
                continue;
            }
            assertThat(RequestContextView.carries(key, true)).as(name).isEqualTo(view.value(key) != null);
        }
        assertThat(ContextKey.wellKnownNames()).filteredOn(n -> !RequestContextView.carries(ContextKey.of(n), true))
                .containsExactly("aws:username", "aws:userid");
    }

    @Test
    void tokenClaimsOnlyWithATokenAndNeverTagsOrUnknownKeys() throws Exception {
        ContextKey claim = ContextKey.of("jwt:level");
        assertThat(RequestContextView.carries(claim, true)).isTrue();
        assertThat(everything(token()).value(claim)).isNotNull();
        assertThat(RequestContextView.carries(claim, false)).isFalse();
        assertThat(everything(null).value(claim)).isNull();
        for (String never : List.of("aws:PrincipalTag/team", "aws:SourceVcp", "corp:team")) {
            assertThat(RequestContextView.carries(ContextKey.of(never), true)).as(never).isFalse();
            assertThat(everything(token()).value(ContextKey.of(never))).as(never).isNull();
        }
    }
}
