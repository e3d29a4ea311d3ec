package io.portcullis.runtime.explain;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.portcullis.config.Api;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.Workload;
import io.portcullis.config.api.JwtConfig;
import io.portcullis.decision.Source;
import io.portcullis.identity.jwt.JwtVerifier;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.engine.AccessEngine;
import io.portcullis.engine.ApiRef;
import io.portcullis.engine.Explainer;
import io.portcullis.engine.Explanation;
import io.portcullis.engine.Snapshot;
import io.portcullis.engine.SourceSpec;
import io.portcullis.gateway.auth.Authorization;
import io.portcullis.gateway.auth.RequestFacts;
import io.portcullis.gateway.http.HttpReasons;
import io.portcullis.gateway.http.RequestTargets;
import io.portcullis.gateway.http.Router;
import io.portcullis.gateway.settings.Limits;
import io.portcullis.gateway.settings.RateLimitSettings;
import io.portcullis.gateway.settings.RouteSettings;
import io.portcullis.runtime.auth.ApiAuthorizer;
import io.portcullis.runtime.auth.Authorizers;
import io.portcullis.runtime.serving.ServingPlan;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the gateway's decision for one described request: the engine's network decision (with its explanation),
 * the route and method, the API's authorizer (the same {@link ApiAuthorizer} a node builds, so token, binding,
 * route requirements and resource policy are decided by the code that decides live traffic), then lists the
 * traffic limits.
 */
public final class RequestExplainer implements AutoCloseable {

    static final io.portcullis.decision.Reason ROUTE_MATCHED = new io.portcullis.decision.Reason(Layer.POLICY, "route-matched");

    private final PortcullisConfig config;
    private final Snapshot snapshot;
    private final Authorizers authorizers = new Authorizers();
    private final Map<JwtConfig, JwtVerifier> verifiers = new HashMap<>();
    private final Map<String, ApiAuthorizer> built = new HashMap<>();

    public RequestExplainer(PortcullisConfig config) {
        this.config = config;
        this.snapshot = AccessEngine.compile(config).snapshot();
    }

    /**
     * @param source {@code workload:ID} or {@code ADDRESS@VPC} (a group has no address, so no request can come from it)
     * @param vpcEndpoint the VPC endpoint the request arrives through, or {@code ""}
     * @param token the bearer token, or null
     * @throws IllegalArgumentException for an unknown API, source or request, or an API whose auth cannot be built
     */
    public RequestExplanation explain(String source, String vpcEndpoint, String apiName, String method, String target,
                                      String token, Instant at) {
        SourceSpec spec = SourceSpec.parse(source);
        if (spec instanceof SourceSpec.OfGroup) {
            throw new IllegalArgumentException("source: '" + source + "' (expected: workload:ID or ADDRESS@VPC; a request comes from an address)");
        }
        int index = indexOf(apiName);
        Api api = config.apis().get(index);
        ApiRef ref = snapshot.api(apiName).orElseThrow();
        Explanation network = new Explainer(snapshot).check(spec, apiName, 6, null, at);
        List<RequestExplanation.Step> steps = new ArrayList<>();
        steps.add(new RequestExplanation.Step(Layer.NETWORK, "security groups", network.decision()));
        if (!network.decision().allowed()) {
            return new RequestExplanation(network.decision(), network, steps, "", List.of());
        }
        Source resolved = snapshot.resolve(ref, address(spec), vpcEndpoint);
        String normalized = RequestTargets.normalize(target); // as the gateway reads it: null when it refuses it
        if (normalized == null) {
            Decision refused = Decision.deny(HttpReasons.BAD_REQUEST, "target",
                    RequestTargets.refusal(target) + " (the gateway answers 400)");
            steps.add(new RequestExplanation.Step(Layer.PROTOCOL, "request target", refused));
            return new RequestExplanation(refused, network, steps, "", List.of());
        }
        String path = RequestTargets.path(normalized);
        List<RouteSettings> routes = ServingPlan.routes(api.serving());
        Router router = new Router(routes);
        int r = router.match(path);
        RouteSettings route = r >= 0 ? router.route(r) : null;
        Decision routing = router.refusal(r, method, path);
        if (routing == null) {
            routing = Decision.allow(ROUTE_MATCHED, route == null ? "routes" : "route " + route.path(),
                    route == null ? "the API has no routes: every path is forwarded" : "matched " + route.path());
        }
        steps.add(new RequestExplanation.Step(Layer.POLICY, "route", routing));
        if (!routing.allowed()) {
            return new RequestExplanation(routing, network, steps, "", List.of());
        }
        ApiAuthorizer authorizer = built.computeIfAbsent(apiName, name -> authorizer(api, index));
        HttpHeaders headers = new DefaultHttpHeaders();
        if (token != null) {
            headers.set("Authorization", "Bearer " + token.strip());
        }
        Authorization auth = authorizer.authorize(new RequestFacts("explain", apiName, route == null ? null : route.path(),
                method, normalized, headers, resolved, null, api.serving().tls().isPresent(),
                "HTTP/1.1", at));
        steps.add(new RequestExplanation.Step(auth.decision().layer(), "identity and policy", auth.decision()));
        List<String> limits = limits(api, route);
        return new RequestExplanation(auth.decision(), network, steps, auth.principal(), auth.allowed() ? limits : List.of());
    }

    /** Built once per API and kept for later questions (a verifier reads key files; a tour asks many). */
    private ApiAuthorizer authorizer(Api api, int index) {
        List<String> problems = new ArrayList<>();
        ApiAuthorizer authorizer = authorizers.build(api, index, verifiers, problems);
        authorizers.retire(verifiers);
        if (authorizer == null) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return authorizer;
    }

    private static List<String> limits(Api api, RouteSettings route) {
        Limits l = ServingPlan.limits(api.serving());
        List<String> out = new ArrayList<>();
        long body = route != null && route.maxBodyBytes().isPresent() ? route.maxBodyBytes().getAsLong() : l.maxBodyBytes();
        out.add("body at most " + body + " bytes (413 beyond)");
        for (RateLimitSettings rl : l.rateLimits()) {
            out.add("rate limit " + rl.policyName() + " per " + rl.key().name().toLowerCase(java.util.Locale.ROOT) + " (429 when empty)");
        }
        if (route != null) {
            for (RateLimitSettings rl : route.rateLimits()) {
                out.add("route rate limit " + rl.policyName() + " per " + rl.key().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        out.add("connections: at most " + l.maxConnectionsPerSource() + " per source, " + l.maxConnectionsPerGroup()
                + " per group, " + l.maxConnections() + " in all");
        return out;
    }

    private InetAddress address(SourceSpec spec) {
        if (spec instanceof SourceSpec.OfAddress a) {
            return a.address().toInetAddress();
        }
        String id = ((SourceSpec.OfWorkload) spec).id();
        Workload w = config.workloads().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        try {
            return InetAddress.getByName(w.addresses().get(0));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private int indexOf(String api) {
        for (int i = 0; i < config.apis().size(); i++) {
            if (config.apis().get(i).name().equals(api)) {
                return i;
            }
        }
        throw new IllegalArgumentException("api: unknown '" + api + "' (expected: one of "
                + config.apis().stream().map(Api::name).toList() + ")");
    }

    @Override
    public void close() {
        authorizers.close();
    }
}
