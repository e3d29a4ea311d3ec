package io.portcullis.gateway.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Reason;
import io.portcullis.decision.Source;
import io.portcullis.gateway.auth.Authorization;
import io.portcullis.gateway.auth.RequestAuthorizer;
import io.portcullis.gateway.auth.RequestFacts;
import io.portcullis.gateway.guard.ConnectionLimiter;
import io.portcullis.gateway.limit.InFlight;
import io.portcullis.gateway.limit.RateLimitHeaders;
import io.portcullis.gateway.limit.RateLimitProbe;
import io.portcullis.gateway.limit.RateLimiter;
import io.portcullis.gateway.observe.GatewayListener;
import io.portcullis.gateway.observe.SafeListener;
import io.portcullis.settings.Limits;
import io.portcullis.settings.RateLimitSettings;
import io.portcullis.settings.RouteSettings;
import io.portcullis.gateway.tls.ClientIdentity;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The per-request checks before forwarding, in order ({@link #admit}): the listener admits (else 503), then
 * {@link #route} (request target, route, method), repeated credentials (400), the API's authorizer (401/403),
 * then {@link #limits} (declared body size, rate limits, requests in flight of the source (429) and upstream
 * connections of the API (503)). Each returns the first refusal, a value turned into the fixed response by the proxy
 * stage, or {@code null}; the request's record gets the route, the authorization and the deciding allow.
 *
 * <p>Design: one instance per proxy stage (an HTTP/1.1 connection or an HTTP/2 stream), used for one request at
 * a time on the event loop, so the matched route and the rate-limit state of the current request are plain
 * fields rather than a result object per request. A request takes a token from every applicable bucket in order;
 * when a bucket refuses, the tokens already taken for this request are given back ({@link RateLimiter#refund}),
 * so a refused request is charged to no bucket. Of the buckets that gave a token, the one with the fewest left
 * is reported on the response ({@code RateLimit}, {@code RateLimit-Policy}).
 */
final class RequestAdmission {

    /** A refused request: the status, the decision for logs, metrics and events, and extra response headers. */
    record Refusal(HttpResponseStatus status, Decision decision, List<Map.Entry<String, String>> headers) {}

    private final RateLimiter rateLimiter;
    private final SafeListener listener;
    private int routeIndex = -1;
    private RateLimitSettings tightestLimit;
    private RateLimitProbe tightestProbe;
    private String[] takenScopes = new String[4];
    private RateLimitSettings[] takenLimits = new RateLimitSettings[4];
    private String[] takenKeys = new String[4];
    private int taken;

    RequestAdmission(RateLimiter rateLimiter, SafeListener listener) {
        this.rateLimiter = rateLimiter;
        this.listener = listener;
    }

    /** Every check in order; the first refusal, or {@code null} with the record's route and decision filled in. */
    Refusal admit(ApiRuntime api, RequestRecord record, ClientRequest request, String target, Source source,
                  ClientIdentity identity, InFlight sourceRequests) {
        if (!listener.admitting()) {
            return new Refusal(HttpResponseStatus.SERVICE_UNAVAILABLE, Decision.deny(
                    GatewayListener.EVIDENCE_UNAVAILABLE, "listener", "a gateway listener is not admitting"), List.of());
        }
        routeIndex = -1;
        // A probe asks for the reserved path, which no route holds: it is decided by the API-wide layers.
        Refusal refusal = record.probe ? null : route(api, request, target);
        record.routeIndex = routeIndex;
        if (refusal != null) {
            return refusal;
        }
        String repeated = api.repeatedCredential(request);
        if (repeated != null) {
            return refuse(HttpResponseStatus.BAD_REQUEST, HttpReasons.BAD_REQUEST, "credentials",
                    "more than one " + repeated + " header");
        }
        RequestAuthorizer authorizer = api.settings().authorizer();
        Authorization authorization = authorizer == RequestAuthorizer.NONE ? Authorization.NOT_REQUIRED
                : Authorization.decide(authorizer, new RequestFacts(record.id, api.name(), record.route(),
                        record.method, record.path, request.headerLookup(), source, identity, record.tls, record.protocol,
                        record.time));
        record.authorization = authorization;
        if (!authorization.allowed()) {
            return new Refusal(HttpResponseStatus.valueOf(authorization.status()), authorization.decision(), List.of());
        }
        record.decision = authorization.decision();
        if (record.probe) {
            return null; // answered by the gateway: it takes no token, slot or upstream connection from traffic
        }
        refusal = limits(api, source, authorization, identity, request, sourceRequests);
        record.rateLimit(tightestLimit, tightestProbe);
        return refusal;
    }

    /** Target ({@link RequestTargets#normalize normalized}, or null when refused), route and method. */
    private Refusal route(ApiRuntime api, ClientRequest request, String target) {
        routeIndex = -1;
        if (target == null) {
            return refuse(HttpResponseStatus.BAD_REQUEST, HttpReasons.BAD_REQUEST, "target",
                    RequestTargets.refusal(request.uri()));
        }
        String path = RequestTargets.path(target);
        int index = api.router().match(path);
        routeIndex = index; // -1 when nothing matched
        Decision refused = api.router().refusal(index, request.method().name(), path);
        if (refused == null) {
            return null;
        }
        return new Refusal(refused.reason().equals(HttpReasons.NO_ROUTE) ? HttpResponseStatus.NOT_FOUND
                : HttpResponseStatus.METHOD_NOT_ALLOWED, refused, List.of());
    }

    /**
     * Declared body size, rate limits and the in-flight bounds, for the route matched by {@link #route}. An
     * admitted request holds a slot of its source's {@code sourceRequests} and of the API's upstream connections
     * (and counts in the API's requests in flight) until its exchange finishes, which gives them back.
     */
    private Refusal limits(ApiRuntime api, Source source, Authorization authorization, ClientIdentity identity,
                           ClientRequest request, InFlight sourceRequests) {
        tightestLimit = null;
        tightestProbe = null;
        RouteSettings route = routeIndex >= 0 ? api.router().route(routeIndex) : null;
        long maxBody = api.maxBodyBytes(routeIndex);
        long declared = request.contentLength();
        if (declared > maxBody) {
            return refuse(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, HttpReasons.BODY_TOO_LARGE,
                    "limits.maxBodyBytes", "Content-Length " + declared + " > " + maxBody);
        }
        taken = 0;
        Refusal limited = rateLimit(api.name(), api.settings().limits().rateLimits(), source, authorization, identity, "");
        if (limited == null && route != null && !route.rateLimits().isEmpty()) {
            limited = rateLimit(api.routeScope(routeIndex), route.rateLimits(), source, authorization, identity, route.path());
        }
        if (limited == null) {
            limited = inFlight(api, sourceRequests);
        }
        if (limited != null) {
            for (int i = 0; i < taken; i++) {
                rateLimiter.refund(takenScopes[i], takenLimits[i], takenKeys[i]);
            }
            tightestLimit = null;
            tightestProbe = null;
        }
        return limited;
    }

    /** Takes the request's in-flight slots, or refuses it when its source, or the API's upstream, is at its bound. */
    private static Refusal inFlight(ApiRuntime api, InFlight sourceRequests) {
        Limits limits = api.settings().limits();
        if (!sourceRequests.tryAcquire(limits.maxRequestsInFlightPerSource())) {
            return refuse(HttpResponseStatus.TOO_MANY_REQUESTS, HttpReasons.TOO_MANY_IN_FLIGHT,
                    "limits.maxRequestsInFlightPerSource", limits.maxRequestsInFlightPerSource()
                            + " requests of this source in flight");
        }
        if (!api.meters().upstreamConnections().tryAcquire(limits.maxUpstreamConnections())) {
            sourceRequests.release();
            return refuse(HttpResponseStatus.SERVICE_UNAVAILABLE, HttpReasons.UPSTREAM_SATURATED,
                    "limits.maxUpstreamConnections", limits.maxUpstreamConnections()
                            + " upstream connections held by requests in flight");
        }
        api.meters().requestsInFlight().acquire();
        return null;
    }

    /**
     * The bucket key of an identity ({@code principal:P}), or the source's ({@code workload:W} or
     * {@code address:A}) when the request established none: disjoint name spaces, so a request without an identity
     * is counted against its source and can never drain the bucket of a principal named like it.
     */
    private static String identityKey(String kind, String identity, Source source) {
        return identity.isEmpty() ? ConnectionLimiter.sourceKey(source) : kind + identity;
    }

    private Refusal rateLimit(String scope, List<RateLimitSettings> limits, Source source, Authorization authorization,
                              ClientIdentity identity, String routePath) {
        for (int i = 0; i < limits.size(); i++) { // indexed: no iterator per request
            RateLimitSettings limit = limits.get(i);
            Refusal r = switch (limit.key()) {
                case GROUP -> {
                    for (String group : source.groups()) {
                        Refusal g = probe(scope, limit, group);
                        if (g != null) {
                            yield g;
                        }
                    }
                    yield null;
                }
                case WORKLOAD -> probe(scope, limit, source.isKnownWorkload() ? source.workload()
                        : "address:" + source.address().getHostAddress());
                case ADDRESS -> probe(scope, limit, source.address().getHostAddress());
                case API, ROUTE -> probe(scope, limit, routePath);
                case PRINCIPAL -> probe(scope, limit, identityKey("principal:", authorization.principal(), source));
                case SUBJECT -> probe(scope, limit, identityKey("subject:", authorization.subject(), source));
                case CERTIFICATE -> probe(scope, limit, identityKey("certificate:", identity == null ? "" : identity.primary(),
                        source));
            };
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private Refusal probe(String scope, RateLimitSettings limit, String key) {
        RateLimitProbe probe = rateLimiter.tryConsume(scope, limit, key);
        if (probe.consumed()) {
            remember(scope, limit, key);
            if (tightestProbe == null || probe.remaining() < tightestProbe.remaining()) {
                tightestLimit = limit;
                tightestProbe = probe;
            }
            return null;
        }
        return new Refusal(HttpResponseStatus.TOO_MANY_REQUESTS, Decision.deny(HttpReasons.RATE_LIMITED,
                scope + " " + limit.policyName(), "bucket '" + key + "' empty, retry in " + probe.retryAfterSeconds()
                        + "s"), List.of(
                Map.entry(HttpHeaderNames.RETRY_AFTER.toString(), Long.toString(probe.retryAfterSeconds())),
                Map.entry(RateLimitHeaders.POLICY_HEADER.toString(), RateLimitHeaders.policy(limit)),
                Map.entry(RateLimitHeaders.STATE_HEADER.toString(), RateLimitHeaders.state(limit, probe))));
    }

    private void remember(String scope, RateLimitSettings limit, String key) {
        if (taken == takenKeys.length) {
            takenScopes = Arrays.copyOf(takenScopes, taken * 2);
            takenLimits = Arrays.copyOf(takenLimits, taken * 2);
            takenKeys = Arrays.copyOf(takenKeys, taken * 2);
        }
        takenScopes[taken] = scope;
        takenLimits[taken] = limit;
        takenKeys[taken] = key;
        taken++;
    }

    private static Refusal refuse(HttpResponseStatus status, Reason reason, String decidedBy, String detail) {
        return new Refusal(status, Decision.deny(reason, decidedBy, detail), List.of());
    }
}
