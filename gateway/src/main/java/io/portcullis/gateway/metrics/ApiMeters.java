package io.portcullis.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Verdict;
import io.portcullis.gateway.limit.InFlight;
import io.portcullis.gateway.observe.UpstreamError;
import io.portcullis.gateway.settings.ApiSettings;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one API's settings snapshot: one {@link RouteMeters} per route plus one for requests that matched
 * none, the upstream-error counters, the decision counters, and the counts that outlive snapshots (active
 * connections, requests in flight, upstream connections held). Built when settings
 * are compiled; read on the event loops without locks (decision counters are registered on a reason's first use,
 * see {@link ReasonCounters}).
 */
public final class ApiMeters {

    private final MeterRegistry registry;
    private final String api;
    private final AtomicInteger activeConnections;
    private final InFlight requestsInFlight;
    private final InFlight upstreamConnections;
    private final RouteMeters noRoute;
    private final RouteMeters[] routes;
    private final Counter[] upstreamErrors = new Counter[UpstreamError.values().length];
    private final LogBudget[] upstreamErrorLogs = new LogBudget[UpstreamError.values().length];
    private final ReasonCounters connectionAllows;
    private final ReasonCounters connectionDenies;
    private final ReasonCounters requestAllows;
    private final ReasonCounters requestDenies;

    ApiMeters(MeterRegistry registry, ApiSettings settings, GatewayMetrics.ApiCounters counters, long nowNanos) {
        this.registry = registry;
        this.api = settings.name();
        this.activeConnections = counters.connections();
        this.requestsInFlight = counters.requests();
        this.upstreamConnections = counters.upstreamConnections();
        this.noRoute = new RouteMeters(registry, api, "none");
        this.routes = new RouteMeters[settings.routes().size()];
        for (int i = 0; i < routes.length; i++) {
            routes[i] = new RouteMeters(registry, api, settings.routes().get(i).path());
        }
        for (UpstreamError kind : UpstreamError.values()) {
            upstreamErrors[kind.ordinal()] = Counter.builder(GatewayMetrics.UPSTREAM_ERRORS)
                    .description("Failed forwarding attempts").tags("api", api, "kind", kind.tag()).register(registry);
            upstreamErrorLogs[kind.ordinal()] = new LogBudget(Rejections.LINES_PER_SECOND, nowNanos);
        }
        this.connectionAllows = decisions("connection", Verdict.ALLOW);
        this.connectionDenies = decisions("connection", Verdict.DENY);
        this.requestAllows = decisions("request", Verdict.ALLOW);
        this.requestDenies = decisions("request", Verdict.DENY);
    }

    /** The meters of a route index, or of requests that matched no route for {@code -1}. */
    public RouteMeters route(int index) {
        return index < 0 ? noRoute : routes[index];
    }

    public void upstreamError(UpstreamError kind) {
        upstreamErrors[kind.ordinal()].increment();
    }

    /** The log budget of an upstream failure kind (a client can make the upstream fail once per request). */
    public LogBudget upstreamErrorLog(UpstreamError kind) {
        return upstreamErrorLogs[kind.ordinal()];
    }

    /** The API's requests in flight (all sources), for the gauge. */
    public InFlight requestsInFlight() {
        return requestsInFlight;
    }

    /**
     * The upstream connections the API's requests hold now: the bound {@code maxUpstreamConnections} is checked
     * against it. It outlives settings snapshots, like the other counts here.
     */
    public InFlight upstreamConnections() {
        return upstreamConnections;
    }

    public void connectionOpened() {
        activeConnections.incrementAndGet();
    }

    public void connectionClosed() {
        activeConnections.decrementAndGet();
    }

    /** Counts a connection-level decision (the admission, or the refusal). */
    public void connectionDecision(Decision decision) {
        (decision.allowed() ? connectionAllows : connectionDenies).increment(decision.reason());
    }

    /** Counts the decision that decided a finished request. */
    public void requestDecision(Decision decision) {
        (decision.allowed() ? requestAllows : requestDenies).increment(decision.reason());
    }

    private ReasonCounters decisions(String stage, Verdict verdict) {
        String verdictTag = verdict.name().toLowerCase(Locale.ROOT);
        return new ReasonCounters(reason -> Counter.builder(GatewayMetrics.DECISIONS)
                .description("Connection and request decisions by layer and reason")
                .tags("api", api, "stage", stage, "verdict", verdictTag,
                        "layer", reason.layer().name().toLowerCase(Locale.ROOT), "reason", reason.code())
                .register(registry));
    }
}
