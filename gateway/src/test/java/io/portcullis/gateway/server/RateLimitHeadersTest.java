package io.portcullis.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.settings.Limits;
import io.portcullis.settings.RateLimitKey;
import io.portcullis.settings.RateLimitSettings;
import io.portcullis.settings.RouteSettings;
import io.portcullis.gateway.testing.Gateways;
import io.portcullis.gateway.testing.RawClient;
import io.portcullis.gateway.testing.TestGuards;
import io.portcullis.gateway.testing.TestUpstream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rate-limit headers on forwarded responses, and refunds: an API limit of 2 per workload per hour, a route
 * {@code /once} with its own limit of 1 per hour for everyone, and a route {@code /free/**} with none.
 */
class RateLimitHeadersTest {

    static TestUpstream upstream;
    static GatewayServer gateway;

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream();
        Limits limits = Limits.DEFAULT.withRateLimits(
                List.of(new RateLimitSettings(RateLimitKey.WORKLOAD, 2, 1, Duration.ofHours(1))));
        gateway = GatewayServer.builder(new GatewaySettings(List.of(Gateways.api(upstream.uri()).limits(limits)
                        .routes(List.of(new RouteSettings("/once", Set.of(), Optional.empty(), OptionalLong.empty(),
                                        List.of(new RateLimitSettings(RateLimitKey.ROUTE, 1, 1, Duration.ofHours(1)))),
                                RouteSettings.of("/free/**"))).build())), new TestGuards())
                .workerThreads(1).build().start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    private static String get(RawClient c, String target) throws Exception {
        return c.send("GET " + target + " HTTP/1.1\r\nHost: a\r\n\r\n").readResponse();
    }

    /** Asserts the status line and the two rate-limit headers of a response. */
    private static void assertLimits(String response, String status, String policy, String state) {
        assertThat(response).startsWith("HTTP/1.1 " + status).contains("\r\nRateLimit-Policy: " + policy + "\r\n")
                .contains("\r\nRateLimit: " + state);
    }

    @Test
    void reportsTheTightestBucketOnForwardedResponsesAndRefundsEarlierBucketsOfARefusedRequest() throws Exception {
        String route = "\"route-1-per-3600000ms\"";
        String workload = "\"workload-1-per-3600000ms\"";
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("orders"))) {
            // the route bucket (0 left) is tighter than the workload bucket (1 left)
            assertLimits(get(c, "/once"), "200", route + ";q=1;w=3600", route + ";r=0;t=3600\r\n");
            assertLimits(get(c, "/once"), "429", route + ";q=1;w=3600", route + ";r=0;");
            // the refused request's workload token was given back, so one is left for another route
            assertLimits(get(c, "/free/a"), "200", workload + ";q=2;w=7200", workload + ";r=0;t=7200\r\n");
            assertLimits(get(c, "/free/b"), "429", workload + ";q=2;w=7200", workload + ";r=0;");
        }
    }

    @Test
    void sendsNoRateLimitHeadersWhereNoLimitApplies() throws Exception {
        GatewayServer plain = GatewayServer.builder(new GatewaySettings(List.of(Gateways.api(upstream.uri()).build())),
                new TestGuards()).workerThreads(1).build().start();
        try (RawClient c = new RawClient("127.0.0.2", plain.port("orders"))) {
            assertThat(get(c, "/echo")).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("ratelimit");
        } finally {
            plain.close();
        }
    }
}
