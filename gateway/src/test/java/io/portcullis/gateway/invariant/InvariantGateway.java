package io.portcullis.gateway.invariant;

import io.portcullis.gateway.observe.RequestEvent;
import io.portcullis.gateway.limit.SourcePenalties;
import io.portcullis.gateway.server.GatewayServer;
import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.settings.RateLimitKey;
import io.portcullis.settings.RateLimitSettings;
import io.portcullis.settings.RouteSettings;
import io.portcullis.settings.Timeouts;
import io.portcullis.gateway.testing.Gateways;
import io.portcullis.gateway.testing.TestGuards;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;

/**
 * A gateway on 127.0.0.1 (one event loop, so every client connection shares one upstream pool) forwarding to a
 * {@link RecordingUpstream}, with routes {@code /public/**}, {@code /admin/**}, {@code /limited/**} (a route
 * rate limit of 5 a second) and {@code /**}, every method allowed by the routes (so what the gateway refuses on
 * its own shows), the {@link BearerAuthorizer} and an {@link EventLog}. Clients connect from
 * {@value #CLIENT} (workload {@code web} of {@link TestGuards}).
 *
 * <p>A scenario {@link #begin}s (forgetting what earlier ones left), runs its clients, closes them, then
 * {@link #settle}s: waits until the gateway reported each client connection closed and neither the gateway nor
 * the upstream has done anything for a moment, and takes the {@link Invariant.Snapshot}.
 */
final class InvariantGateway implements AutoCloseable {

    static final String CLIENT = "127.0.0.2";
    static final String API = "orders";

    final RecordingUpstream upstream;
    final EventLog events = new EventLog();
    final BearerAuthorizer authorizer = new BearerAuthorizer();
    final GatewayServer gateway;

    private InvariantGateway(RecordingUpstream upstream) throws Exception {
        this.upstream = upstream;
        List<RouteSettings> routes = List.of(RouteSettings.of("/public/**"), RouteSettings.of("/admin/**"),
                new RouteSettings("/limited/**", Set.of(), Optional.empty(), OptionalLong.empty(),
                        List.of(new RateLimitSettings(RateLimitKey.ROUTE, 5, 5, Duration.ofSeconds(1)))),
                RouteSettings.of("/**"));
        Timeouts timeouts = Timeouts.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(10),
                Duration.ofSeconds(2));
        gateway = GatewayServer.builder(new GatewaySettings(List.of(Gateways.api(upstream.uri()).routes(routes)
                        .timeouts(timeouts).authorizer(authorizer).build())), new TestGuards())
                // The properties refuse on purpose, thousands of times from one source: no penalty box here
                // (SourcePenaltyTest covers it).
                .sourcePenalties(new SourcePenalties(Integer.MAX_VALUE, Integer.MAX_VALUE))
                .listener(events).workerThreads(1).build().start();
    }

    static InvariantGateway start() throws Exception {
        return new InvariantGateway(new RecordingUpstream());
    }

    /** A fixture whose upstream answers each request with what {@code responder} gives for it. */
    static InvariantGateway start(Function<UpstreamRequest, String> responder) throws Exception {
        return new InvariantGateway(new RecordingUpstream(responder));
    }

    int port() {
        return gateway.port(API);
    }

    Http1Client http1() throws Exception {
        return new Http1Client(CLIENT, port());
    }

    H2Session http2() throws Exception {
        return new H2Session(CLIENT, port());
    }

    /** Starts a scenario: what earlier ones recorded is forgotten. */
    void begin() {
        upstream.clear();
        events.clear();
        authorizer.clear();
    }

    /**
     * Starts a scenario that must not share an upstream connection with an earlier one (so that a request
     * smuggled onto one connection meets the next request on it): the upstream's connections are dropped first.
     */
    void beginFresh() throws InterruptedException {
        upstream.dropConnections();
        Thread.sleep(50);
        begin();
    }

    /** Waits until the scenario's (closed) client connections are done with, and takes what it left behind. */
    Invariant.Snapshot settle(Collection<Integer> clientPorts) throws InterruptedException {
        long start = System.nanoTime();
        boolean settled = false;
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3)) {
            boolean closed = clientPorts.stream().allMatch(events::closed);
            long quiet = Math.min(upstream.quietNanos(), events.quietNanos());
            if (closed && quiet > TimeUnit.MILLISECONDS.toNanos(upstream.unconsumed().isEmpty() ? 30 : 300)) {
                settled = true;
                break;
            }
            Thread.sleep(5);
        }
        return new Invariant.Snapshot(upstream.requests(), upstream.violations(), upstream.unconsumed(),
                events.requests(), Map.copyOf(authorizer.principals), CLIENT, settled);
    }

    /**
     * Ends a scenario; after a failed one the upstream's connections are dropped, so that bytes it left half read
     * cannot join the next scenario's requests.
     */
    void end(boolean failed) throws InterruptedException {
        if (failed) {
            upstream.dropConnections();
            Thread.sleep(50);
        }
    }

    /** The event of a request id, or {@code null}. */
    static RequestEvent event(Invariant.Snapshot s, String requestId) {
        return s.events().stream().filter(e -> e.requestId().equals(requestId)).findFirst().orElse(null);
    }

    /** The failures of the invariant, with the scenario's evidence, as one message ({@code ""} when it held). */
    static String report(Invariant.Snapshot s, List<String> failures) {
        if (failures.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("failures:\n");
        failures.forEach(f -> out.append("  - ").append(f).append('\n'));
        out.append("events:\n");
        s.events().forEach(e -> out.append("  ").append(Invariant.describe(e)).append('\n'));
        out.append("upstream:\n");
        s.upstream().forEach(u -> out.append("  ").append(u).append('\n'));
        return out.toString();
    }

    /** Records the invariant's failures (with the evidence) as one soft assertion. */
    static void assertInvariant(SoftAssertions softly, Invariant.Snapshot s) {
        List<String> failures = Invariant.check(s);
        softly.assertThat(failures).as("the invariant%n%s", report(s, failures)).isEmpty();
    }

    @Override
    public void close() throws IOException {
        gateway.close();
        upstream.close();
    }
}
