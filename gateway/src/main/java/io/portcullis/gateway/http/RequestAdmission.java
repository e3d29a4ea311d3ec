package io.portcullis.gateway.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.portcullis.decision.Reason;
import io.portcullis.engine.Source;
import io.portcullis.gateway.limit.RateLimitHeaders;
import io.portcullis.gateway.limit.RateLimitProbe;
import io.portcullis.gateway.limit.RateLimiter;
import io.portcullis.gateway.settings.RateLimitSettings;
import io.portcullis.gateway.settings.RouteSettings;
import java.util.List;
import java.util.Map;

/**
 * The per-request checks before forwarding, in order: request target, route, method, declared body size, rate
 * limits. Returns the route or the first refusal (a value, turned into the fixed response by the proxy stage).
 */
final class RequestAdmission {

    /** A refused request: the status, the reason for logs and metrics, and extra response headers. */
    record Refusal(HttpResponseStatus status, Reason reason, String decidedBy, String detail,
                   List<Map.Entry<String, String>> headers) {}

    /** The matched route index (-1: the API's catch-all) or a refusal. */
    record Verdict(int routeIndex, Refusal refusal) {}

    private final RateLimiter rateLimiter;

    RequestAdmission(RateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
    }

    Verdict admit(ApiRuntime api, Source source, HttpRequest request) {
        String path = RequestTargets.path(request.uri());
        if (path == null) {
            return refuse(HttpResponseStatus.BAD_REQUEST, HttpReasons.BAD_REQUEST, "target",
                    "request target is not a plain origin-form path");
        }
        int routeIndex = api.router().match(path);
        RouteSettings route = routeIndex >= 0 ? api.router().route(routeIndex) : null;
        if (route == null && !api.router().isEmpty()) {
            return refuse(HttpResponseStatus.NOT_FOUND, HttpReasons.NO_ROUTE, "routes", "no route for " + path);
        }
        if (route != null && !route.methods().isEmpty() && !route.methods().contains(request.method().name())) {
            return refuse(HttpResponseStatus.METHOD_NOT_ALLOWED, HttpReasons.METHOD_NOT_ALLOWED,
                    "route " + route.path(), request.method() + " not in " + route.methods());
        }
        long maxBody = route != null && route.maxBodyBytes().isPresent() ? route.maxBodyBytes().getAsLong()
                : api.settings().limits().maxBodyBytes();
        long declared = HttpUtil.getContentLength(request, -1L);
        if (declared > maxBody) {
            return refuse(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, HttpReasons.BODY_TOO_LARGE,
                    "limits.maxBodyBytes", "Content-Length " + declared + " > " + maxBody);
        }
        Refusal limited = rateLimit(api.name(), api.settings().limits().rateLimits(), source, "");
        if (limited == null && route != null) {
            limited = rateLimit(api.name() + " " + route.path(), route.rateLimits(), source, route.path());
        }
        return limited != null ? new Verdict(routeIndex, limited) : new Verdict(routeIndex, null);
    }

    private Refusal rateLimit(String scope, List<RateLimitSettings> limits, Source source, String routePath) {
        for (RateLimitSettings limit : limits) {
            switch (limit.key()) {
                case GROUP -> {
                    for (String group : source.groups()) {
                        Refusal r = probe(scope, limit, group);
                        if (r != null) {
                            return r;
                        }
                    }
                }
                case WORKLOAD -> {
                    Refusal r = probe(scope, limit, source.isKnownWorkload() ? source.workload()
                            : "address:" + source.address().getHostAddress());
                    if (r != null) {
                        return r;
                    }
                }
                case ADDRESS -> {
                    Refusal r = probe(scope, limit, source.address().getHostAddress());
                    if (r != null) {
                        return r;
                    }
                }
                case API, ROUTE -> {
                    Refusal r = probe(scope, limit, routePath);
                    if (r != null) {
                        return r;
                    }
                }
            }
        }
        return null;
    }

    private Refusal probe(String scope, RateLimitSettings limit, String key) {
        RateLimitProbe probe = rateLimiter.tryConsume(scope, limit, key);
        if (probe.consumed()) {
            return null;
        }
        return new Refusal(HttpResponseStatus.TOO_MANY_REQUESTS, HttpReasons.RATE_LIMITED, scope + " " + limit.policyName(),
                "bucket '" + key + "' empty, retry in " + probe.retryAfterSeconds() + "s", List.of(
                        Map.entry(HttpHeaderNames.RETRY_AFTER.toString(), Long.toString(probe.retryAfterSeconds())),
                        Map.entry("RateLimit-Policy", RateLimitHeaders.policy(limit)),
                        Map.entry("RateLimit", RateLimitHeaders.state(limit, probe))));
    }

    private static Verdict refuse(HttpResponseStatus status, Reason reason, String decidedBy, String detail) {
        return new Verdict(-1, new Refusal(status, reason, decidedBy, detail, List.of()));
    }
}
