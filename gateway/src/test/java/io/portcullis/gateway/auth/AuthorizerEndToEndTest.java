package io.portcullis.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import io.portcullis.gateway.observe.RequestEvent;
import io.portcullis.gateway.server.GatewayServer;
import io.portcullis.gateway.settings.ApiSettings;
import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.settings.Limits;
import io.portcullis.settings.RateLimitKey;
import io.portcullis.settings.RateLimitSettings;
import io.portcullis.settings.RouteSettings;
import io.portcullis.gateway.testing.Gateways;
import io.portcullis.gateway.testing.RawClient;
import io.portcullis.gateway.testing.RecordingListener;
import io.portcullis.gateway.testing.TestGuards;
import io.portcullis.gateway.testing.TestUpstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-API authorizer on real connections: it decides after routing and before body and rate limits, its
 * denials look the same whatever their cause, its principal reaches the request event, and a swap replaces it.
 */
class AuthorizerEndToEndTest {

    static final Reason TOKEN_MISSING = new Reason(Layer.IDENTITY, "token-missing");
    static final Reason TOKEN_EXPIRED = new Reason(Layer.IDENTITY, "token-expired");
    static final Reason EXPLICIT_DENY = new Reason(Layer.POLICY, "explicit-deny");
    static final Reason IMPLICIT_DENY = new Reason(Layer.POLICY, "implicit-deny");
    static final Reason STATEMENT_ALLOWS = new Reason(Layer.POLICY, "statement-allows");

    /** Decides by the test header {@code x-cause}; remembers every request's facts. */
    static final List<RequestFacts> seen = new CopyOnWriteArrayList<>();
    static final RequestAuthorizer BY_CAUSE = facts -> {
        seen.add(facts);
        String cause = facts.header("x-cause");
        return switch (cause == null ? "" : cause) {
            case "no-token" -> Authorization.unauthenticated(Decision.deny(TOKEN_MISSING, "", "no bearer token"));
            case "expired" -> Authorization.unauthenticated(
                    Decision.deny(TOKEN_EXPIRED, "issuer https://issuer.test", "exp 5 minutes ago"));
            case "explicit" -> Authorization.forbidden(Decision.deny(EXPLICIT_DENY,
                    "policy[0] Statement[1] (DenyAdmin)", "admin denied"), "spiffe://test/web", "web-sub",
                    "https://issuer.test");
            case "implicit" -> Authorization.forbidden(Decision.deny(IMPLICIT_DENY, "", "no statement allows"),
                    "", "", "");
            case "throw" -> throw new IllegalStateException("policy store unavailable");
            case "null" -> null;
            default -> Authorization.allow(Decision.allow(STATEMENT_ALLOWS, "policy[0] Statement[0] (AllowWeb)",
                    "allowed"), "spiffe://test/web", "web-sub", "https://issuer.test");
        };
    };

    static TestUpstream upstream;
    static RecordingListener events = new RecordingListener();
    static GatewayServer gateway;

    static ApiSettings api(RequestAuthorizer authorizer) {
        return Gateways.api(upstream.uri()).authorizer(authorizer)
                .limits(Limits.DEFAULT.withMaxBodyBytes(100))
                .routes(List.of(new RouteSettings("/orders/*", Set.of("GET", "POST"), Optional.empty(),
                                OptionalLong.empty(), List.of()),
                        new RouteSettings("/once", Set.of(), Optional.empty(), OptionalLong.empty(),
                                List.of(new RateLimitSettings(RateLimitKey.ROUTE, 1, 1, Duration.ofHours(1))))))
                .build();
    }

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream();
        gateway = GatewayServer.builder(new GatewaySettings(List.of(api(BY_CAUSE))), new TestGuards())
                .listener(events).workerThreads(1).build().start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    private static String get(String target, String cause) throws Exception {
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("orders"))) {
            return c.send("GET " + target + " HTTP/1.1\r\nHost: a\r\nx-cause: " + cause + "\r\n\r\n").readResponse();
        }
    }

    /** The response with its request id replaced by a marker: the only part that differs between requests. */
    private static String withoutRequestId(String response) {
        assertThat(response).containsPattern("\r\nx-request-id: [0-9a-f]{12}-[0-9a-f]{12}\r\n");
        return response.replaceAll("\r\nx-request-id: [0-9a-f-]+\r\n", "\r\nx-request-id: *\r\n");
    }

    @Test
    void everyDenialOfAStatusIsTheSameBytesWhateverItsCause() throws Exception {
        int forwarded = upstream.requests.get();
        List<String> unauthorized = new ArrayList<>();
        for (String cause : List.of("no-token", "expired")) {
            unauthorized.add(withoutRequestId(get("/orders/1", cause)));
        }
        List<String> forbidden = new ArrayList<>();
        for (String cause : List.of("explicit", "implicit", "throw", "null")) {
            forbidden.add(withoutRequestId(get("/orders/1", cause)));
        }
        assertThat(unauthorized.get(0)).isEqualTo("HTTP/1.1 401 Unauthorized\r\ncontent-type: text/plain\r\n"
                + "content-length: 13\r\ncache-control: no-store\r\nwww-authenticate: Bearer\r\nconnection: close\r\n"
                + "x-request-id: *\r\n\r\nUnauthorized\n");
        assertThat(unauthorized).containsOnly(unauthorized.get(0));
        assertThat(forbidden.get(0)).isEqualTo("HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\n"
                + "content-length: 10\r\ncache-control: no-store\r\nconnection: close\r\nx-request-id: *\r\n\r\nForbidden\n");
        assertThat(forbidden).containsOnly(forbidden.get(0));
        assertThat(upstream.requests.get()).as("no denied request was forwarded").isEqualTo(forwarded);
    }

    @Test
    void recordsTheCauseOfADenialInTheEventOnly() throws Exception {
        String response = get("/orders/2?cause=explicit", "explicit");
        assertThat(response).startsWith("HTTP/1.1 403").doesNotContain("DenyAdmin").doesNotContain("explicit");
        RequestEvent event = events.request(e -> e.path().equals("/orders/2?cause=explicit"));
        assertThat(event.status()).isEqualTo(403);
        assertThat(event.outcome()).isEqualTo(RequestEvent.Outcome.REFUSED);
        assertThat(event.decision().reason()).isEqualTo(EXPLICIT_DENY);
        assertThat(event.decision().decidedBy()).isEqualTo("policy[0] Statement[1] (DenyAdmin)");
        assertThat(event.authorization().principal()).isEqualTo("spiffe://test/web");

        get("/orders/2?cause=throw", "throw");
        RequestEvent failed = events.request(e -> e.path().equals("/orders/2?cause=throw"));
        assertThat(failed.decision().reason()).isEqualTo(AuthReasons.AUTHORIZER_ERROR);
        assertThat(failed.decision().detail()).contains("policy store unavailable");
    }

    @Test
    void passesTheRequestFactsAndCarriesThePrincipalIntoTheEvent() throws Exception {
        seen.clear();
        String response = get("/orders/7?x=1", "allow");
        assertThat(response).startsWith("HTTP/1.1 200").contains("target=/orders/7?x=1");
        RequestFacts facts = seen.get(0);
        assertThat(facts.api()).isEqualTo("orders");
        assertThat(facts.route()).isEqualTo("/orders/*");
        assertThat(facts.method()).isEqualTo("GET");
        assertThat(facts.path()).isEqualTo("/orders/7?x=1");
        assertThat(facts.header("X-CAUSE")).isEqualTo("allow");
        assertThat(facts.headerValues("host")).containsExactly("a");
        assertThat(facts.source().workload()).isEqualTo("web");
        assertThat(facts.clientIdentity()).isNull();
        assertThat(facts.tls()).isFalse();
        assertThat(facts.protocol()).isEqualTo("HTTP/1.1");

        RequestEvent event = events.request(e -> e.requestId().equals(facts.requestId()));
        assertThat(response).contains("x-request-id=" + facts.requestId() + "\n");
        assertThat(event.authorization().principal()).isEqualTo("spiffe://test/web");
        assertThat(event.authorization().subject()).isEqualTo("web-sub");
        assertThat(event.authorization().issuer()).isEqualTo("https://issuer.test");
        assertThat(event.decision()).isEqualTo(event.authorization().decision());
        assertThat(event.decision().decidedBy()).isEqualTo("policy[0] Statement[0] (AllowWeb)");
        assertThat(event.admission().reason()).isEqualTo(TestGuards.ALLOWED);
        assertThat(event.status()).isEqualTo(200);
    }

    @Test
    void decidesAfterRoutingAndBeforeBodyAndRateLimits() throws Exception {
        seen.clear();
        assertThat(get("/nowhere", "no-token")).startsWith("HTTP/1.1 404");
        assertThat(seen).as("not asked for a path without a route").isEmpty();
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("orders"))) {
            String tooLarge = c.send("POST /orders/1 HTTP/1.1\r\nHost: a\r\nx-cause: no-token\r\n"
                    + "Content-Length: 5000\r\n\r\n").readUntilClose();
            assertThat(tooLarge).as("the authorizer answers before the body limit").startsWith("HTTP/1.1 401");
        }
        for (int i = 0; i < 3; i++) {
            assertThat(get("/once", "expired")).startsWith("HTTP/1.1 401");
        }
        assertThat(get("/once", "allow")).as("denied requests took no token").startsWith("HTTP/1.1 200");
        assertThat(get("/once", "allow")).startsWith("HTTP/1.1 429");
    }

    @Test
    void aSwappedAuthorizerDecidesFromTheNextRequestOn() throws Exception {
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("orders"))) {
            String request = "GET /orders/3 HTTP/1.1\r\nHost: a\r\nx-cause: allow\r\n\r\n";
            assertThat(c.send(request).readResponse()).startsWith("HTTP/1.1 200");
            gateway.swap(new GatewaySettings(List.of(api(facts -> Authorization.forbidden(
                    Decision.deny(EXPLICIT_DENY, "policy[9]", "swapped"), "", "", "")))));
            try {
                assertThat(c.send(request).readResponse()).startsWith("HTTP/1.1 403").contains("connection: close");
            } finally {
                gateway.swap(new GatewaySettings(List.of(api(BY_CAUSE))));
            }
        }
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("orders"))) { // a denial closed the last one
            assertThat(c.send("GET /orders/3 HTTP/1.1\r\nHost: a\r\nx-cause: allow\r\n\r\n").readResponse())
                    .startsWith("HTTP/1.1 200");
        }
    }
}
