package io.portcullis.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import io.portcullis.gateway.auth.Authorization;
import io.portcullis.gateway.auth.RequestAuthorizer;
import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.gateway.testing.Gateways;
import io.portcullis.gateway.testing.RawClient;
import io.portcullis.gateway.testing.TestGuards;
import io.portcullis.gateway.testing.TestUpstream;
import io.portcullis.settings.Limits;
import io.portcullis.settings.RateLimitKey;
import io.portcullis.settings.RateLimitSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rate limits keyed by who the caller is, on real connections from the test guard's workloads (127.0.0.2 is
 * {@code web}, 127.0.0.5 {@code web-2}): the identity the authorizer established is the bucket, whatever address it
 * calls from; a request with no such identity is counted against its source, in a bucket no identity can share.
 * The authorizer takes the identity from the test header {@code x-who} as both principal and subject.
 */
class RateLimitKeysTest {

    private static final Reason ALLOWS = new Reason(Layer.IDENTITY, "test-allows");
    private static final RequestAuthorizer BY_HEADER = facts -> {
        String who = facts.header("x-who");
        return Authorization.allow(Decision.allow(ALLOWS, "test", ""), who == null ? "" : who, who == null ? "" : who, "");
    };

    private TestUpstream upstream;
    private GatewayServer gateway;

    private void start(RateLimitKey key) throws Exception {
        upstream = new TestUpstream();
        Limits limits = Limits.DEFAULT.withRateLimits(List.of(new RateLimitSettings(key, 2, 1, Duration.ofHours(1))));
        gateway = GatewayServer.builder(new GatewaySettings(List.of(Gateways.api(upstream.uri()).limits(limits)
                        .authorizer(BY_HEADER).build())), new TestGuards())
                .workerThreads(1).build().start();
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    /** The status line of one request from {@code from}, as {@code who} (none when null). */
    private String call(String from, String who) throws Exception {
        try (RawClient c = new RawClient(from, gateway.port("orders"))) {
            String response = c.send("GET /x HTTP/1.1\r\nHost: a\r\n" + (who == null ? "" : "x-who: " + who + "\r\n") + "\r\n")
                    .readResponse();
            return response.substring(0, response.indexOf('\r'));
        }
    }

    @ParameterizedTest
    @EnumSource(value = RateLimitKey.class, names = {"PRINCIPAL", "SUBJECT"})
    void oneIdentityIsOneBucketFromEveryAddress(RateLimitKey key) throws Exception {
        start(key);
        assertThat(call("127.0.0.2", "partner-a")).endsWith("200 OK");
        assertThat(call("127.0.0.5", "partner-a")).endsWith("200 OK");
        assertThat(call("127.0.0.2", "partner-a")).as("its third request, from either address").endsWith("429 Too Many Requests");
        assertThat(call("127.0.0.5", "partner-a")).endsWith("429 Too Many Requests");
        assertThat(call("127.0.0.2", "partner-b")).as("another identity from the same address").endsWith("200 OK");
    }

    @ParameterizedTest
    @EnumSource(value = RateLimitKey.class, names = {"PRINCIPAL", "SUBJECT", "CERTIFICATE"})
    void withoutTheIdentityARequestIsCountedAgainstItsSource(RateLimitKey key) throws Exception {
        start(key);
        String who = key == RateLimitKey.CERTIFICATE ? "ignored: no client certificate over plain TCP" : null;
        assertThat(call("127.0.0.2", who)).endsWith("200 OK");
        assertThat(call("127.0.0.2", who)).endsWith("200 OK");
        assertThat(call("127.0.0.2", who)).as("never unlimited").endsWith("429 Too Many Requests");
        assertThat(call("127.0.0.5", who)).as("another source has its own bucket").endsWith("200 OK");
        if (key != RateLimitKey.CERTIFICATE) {
            assertThat(call("127.0.0.2", "workload:web")).as("an identity named like the source's bucket does not share it")
                    .endsWith("200 OK");
        }
    }
}
