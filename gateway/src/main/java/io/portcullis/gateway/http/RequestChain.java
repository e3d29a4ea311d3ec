package io.portcullis.gateway.http;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.codec.http.HttpHeaders;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Source;
import io.portcullis.gateway.auth.Authorization;
import io.portcullis.gateway.limit.InFlight;
import io.portcullis.gateway.limit.RateLimitProbe;
import io.portcullis.gateway.limit.RateLimiter;
import io.portcullis.gateway.metrics.GatewayMetrics;
import io.portcullis.gateway.observe.GatewayListener;
import io.portcullis.gateway.observe.SafeListener;
import io.portcullis.gateway.settings.ApiSettings;
import io.portcullis.settings.RateLimitSettings;
import io.portcullis.settings.RouteSettings;
import io.portcullis.gateway.tls.ClientIdentity;
import io.portcullis.time.Ticker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The per-request checks of one API run on a described request, without a socket: the {@link RequestAdmission}
 * the proxy stage runs (target normalization, route and method, repeated credentials, the API's authorizer behind
 * its fail-closed wrapper, body size, rate limits, in-flight bounds), so an explanation is the gateway's own
 * decision, not a retelling of it. What it cannot see of a live node it does not pretend to: rate limits are
 * probed against full buckets (nothing is consumed from a node, nothing is kept), and no request of the source
 * is in flight. Thread-safe: a node's shadow shares one chain per API across its event loops.
 */
public final class RequestChain {

    /**
     * What the chain decided.
     *
     * @param decision the refusal, or the deciding allow (the authorizer's, or the route's without one)
     * @param status the status the client gets for a refusal, or 200 when the request would be forwarded
     * @param target the normalized target every layer saw, or {@code null} when it was refused
     * @param route the matched route's pattern, or {@code null}
     * @param authorization what the API's authorizer decided, or {@code null} when the request was refused first
     * @param rateLimits the rate limits that apply to it, API's first, in the order they are taken
     * @param maxBodyBytes the largest body it may send (its route's limit, else the API's)
     */
    public record Outcome(Decision decision, int status, String target, String route, Authorization authorization,
                          List<RateLimitSettings> rateLimits, long maxBodyBytes) {
        public boolean allowed() {
            return decision.allowed();
        }
    }

    /** Every bucket full (a limit's capacity is at least 1, so a token is always taken) and nothing kept. */
    private static final RateLimiter FULL_BUCKETS = (scope, limit, key) ->
            new RateLimitProbe(true, limit.capacity() - 1, 0);

    private final ApiRuntime api;
    private final SafeListener listener;

    /**
     * @throws IllegalArgumentException when the API cannot be compiled (an upstream that does not resolve)
     */
    public RequestChain(ApiSettings settings) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        this.api = new ApiRuntime(requireNonNull(settings, "settings"), Optional.empty(),
                new GatewayMetrics(registry, Ticker.system()).api(settings));
        this.listener = new SafeListener(GatewayListener.NONE, registry);
    }

    /**
     * Decides one request from {@code source} as the proxy stage would, with what {@code explain} shows of it.
     *
     * @param target the request target as the client would send it (normalized here, as by the gateway)
     * @param tls whether it arrives over TLS
     * @param protocol {@code HTTP/1.1} or {@code HTTP/2}
     */
    public Outcome decide(String method, String target, HttpHeaders headers, Source source, ClientIdentity identity,
                          boolean tls, String protocol, Instant at) {
        return decide(RequestHead.described(method, target, protocol, headers), source, identity, tls, at);
    }

    /** As above, for a head received or described. */
    public Outcome decide(RequestHead head, Source source, ClientIdentity identity, boolean tls, Instant at) {
        Decided d = run(head.request, source, identity, tls, at);
        RequestRecord record = d.record;
        RouteSettings route = record.routeIndex >= 0 ? api.router().route(record.routeIndex) : null;
        List<RateLimitSettings> limits = new ArrayList<>(api.settings().limits().rateLimits());
        if (route != null) {
            limits.addAll(route.rateLimits());
        }
        if (d.refusal != null) {
            return new Outcome(d.refusal.decision(), d.refusal.status().code(), d.normalized, record.route(),
                    record.authorization, limits, api.maxBodyBytes(record.routeIndex));
        }
        return new Outcome(record.decision, 200, d.normalized, record.route(), record.authorization, limits,
                api.maxBodyBytes(record.routeIndex));
    }

    /**
     * The decision alone, for a shadow that compares it with the live one: the same checks as {@link #decide},
     * without building the outcome {@code explain} shows.
     */
    public Decision decision(RequestHead head, Source source, ClientIdentity identity, boolean tls, Instant at) {
        Decided d = run(head.request, source, identity, tls, at);
        return d.refusal != null ? d.refusal.decision() : d.record.decision;
    }

    private record Decided(RequestRecord record, RequestAdmission.Refusal refusal, String normalized) {}

    private Decided run(ClientRequest request, Source source, ClientIdentity identity, boolean tls, Instant at) {
        String target = request.uri();
        String normalized = RequestTargets.normalize(target);
        RequestRecord record = new RequestRecord(api, "explain", at, request.method().name(),
                normalized != null ? normalized : RequestTargets.originForm(target), request.protocol(), tls);
        RequestAdmission admission = new RequestAdmission(FULL_BUCKETS, listener);
        RequestAdmission.Refusal refusal = admission.admit(api, record, request, normalized, source, identity,
                new InFlight());
        if (refusal == null) { // nothing is forwarded: the API's in-flight slots the admission took are given back
            api.meters().upstreamConnections().release();
            api.meters().requestsInFlight().release();
        }
        return new Decided(record, refusal, normalized);
    }
}
