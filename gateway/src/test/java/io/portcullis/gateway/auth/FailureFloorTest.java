package io.portcullis.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import io.portcullis.gateway.observe.RequestEvent;
import io.portcullis.gateway.server.GatewayServer;
import io.portcullis.gateway.settings.ApiSettings;
import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.gateway.testing.FakeTicker;
import io.portcullis.gateway.testing.Gateways;
import io.portcullis.gateway.testing.RawClient;
import io.portcullis.gateway.testing.RecordingListener;
import io.portcullis.gateway.testing.TestGuards;
import io.portcullis.gateway.testing.TestUpstream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The failure floor and the request latency are measured on the gateway's ticker, from the request's head: a
 * denial that took the whole floor is answered at once, one that took less is held for what is left, and the
 * latency reported is the ticker's. The authorizer "takes" time by advancing the fake ticker by its
 * {@code x-took-ms} header; the floor is held on the event loop's real timer.
 */
class FailureFloorTest {

    static final Duration FLOOR = Duration.ofSeconds(10);
    static final Reason TOKEN_MISSING = new Reason(Layer.IDENTITY, "token-missing");
    static final Reason ALLOWED = new Reason(Layer.POLICY, "statement-allows");
    static final FakeTicker ticker = new FakeTicker();

    /** Allows a request with {@code x-allow}, denies any other; advances the ticker by {@code x-took-ms} first. */
    static final RequestAuthorizer TAKING_TIME = new RequestAuthorizer() {
        @Override
        public Authorization authorize(RequestFacts facts) {
            String took = facts.header("x-took-ms");
            if (took != null) {
                ticker.advance(Duration.ofMillis(Long.parseLong(took)));
            }
            return facts.header("x-allow") != null
                    ? Authorization.allow(Decision.allow(ALLOWED, "", ""), "spiffe://test/web", "web", "")
                    : Authorization.unauthenticated(Decision.deny(TOKEN_MISSING, "", "no bearer token"));
        }

        @Override
        public Duration failureFloor() {
            return FLOOR;
        }
    };

    static final RecordingListener events = new RecordingListener();
    @AutoClose
    static TestUpstream upstream;
    @AutoClose
    static GatewayServer gateway;

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream();
        ApiSettings api = Gateways.api(upstream.uri()).authorizer(TAKING_TIME).build();
        gateway = GatewayServer.builder(new GatewaySettings(List.of(api)), new TestGuards()).listener(events)
                .ticker(ticker).workerThreads(1).build().start();
    }

    /** The response to a GET with the headers given, and how long it took on the real clock. */
    private static Timed get(String path, String headers) throws Exception {
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("orders"))) {
            long start = System.nanoTime();
            String response = c.send("GET " + path + " HTTP/1.1\r\nHost: a\r\n" + headers + "\r\n").readResponse();
            return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private record Timed(String response, Duration took) {}

    @Test
    void aDenialThatTookTheWholeFloorIsAnsweredAtOnce() throws Exception {
        Timed denied = get("/echo", "x-took-ms: " + FLOOR.toMillis() + "\r\n");
        assertThat(denied.response()).startsWith("HTTP/1.1 401");
        assertThat(denied.took()).as("not held for another floor").isLessThan(FLOOR.dividedBy(2));
    }

    @Test
    void aFasterDenialIsHeldForWhatIsLeftOfTheFloor() throws Exception {
        Duration left = Duration.ofMillis(200);
        Timed denied = get("/echo", "x-took-ms: " + FLOOR.minus(left).toMillis() + "\r\n");
        assertThat(denied.response()).startsWith("HTTP/1.1 401");
        assertThat(denied.took()).isGreaterThanOrEqualTo(left).isLessThan(FLOOR.dividedBy(2));
    }

    @Test
    void theRequestLatencyIsMeasuredOnTheTicker() throws Exception {
        Timed allowed = get("/echo?latency", "x-allow: 1\r\nx-took-ms: 250\r\n");
        assertThat(allowed.response()).startsWith("HTTP/1.1 200");
        RequestEvent event = events.request(e -> e.path().equals("/echo?latency"));
        assertThat(Duration.ofNanos(event.latencyNanos())).isEqualTo(Duration.ofMillis(250));
    }
}
