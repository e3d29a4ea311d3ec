package io.portcullis.runtime.explain;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.portcullis.config.Workload;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import io.portcullis.decision.Source;
import io.portcullis.engine.ApiRef;
import io.portcullis.engine.Explainer;
import io.portcullis.engine.Explanation;
import io.portcullis.engine.Snapshot;
import io.portcullis.engine.SourceSpec;
import io.portcullis.gateway.auth.Authorization;
import io.portcullis.gateway.http.RequestChain;
import io.portcullis.gateway.settings.ApiSettings;
import io.portcullis.gateway.tls.ClientIdentity;
import io.portcullis.gateway.tls.TlsContexts;
import io.portcullis.gateway.tls.TlsIdentityHandler;
import io.portcullis.settings.Limits;
import io.portcullis.settings.RateLimitSettings;
import io.portcullis.runtime.plan.Plan;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Explains one described request with the plan a node serves: the engine's network decision (with its path or
 * near misses), then the gateway's own per-request chain ({@link RequestChain}: target, route and method, repeated
 * credentials, the API's authorizer, body size, rate limits) on the API's settings as compiled, so an explanation
 * is what the gateway decides and cannot drift from it.
 */
public final class RequestExplainer {

    static final Reason ROUTE_MATCHED = new Reason(Layer.POLICY, "route-matched");
    static final Reason WITHIN_LIMITS = new Reason(Layer.TRAFFIC, "within-limits");
    static final Reason CERTIFICATE_VERIFIED = new Reason(Layer.IDENTITY, "certificate-verified");

    private final Plan plan;
    private final Snapshot snapshot;
    private final Map<String, RequestChain> chains = new HashMap<>();

    public RequestExplainer(Plan plan) {
        this.plan = plan;
        this.snapshot = plan.engine().snapshot();
    }

    /**
     * @param source {@code workload:ID} or {@code ADDRESS@VPC} (a group has no address, so no request can come from it)
     * @param vpcEndpoint the VPC endpoint the request arrives through, or {@code ""}
     * @param token the bearer token, or null
     * @throws IllegalArgumentException for an unknown API, source or request
     */
    public RequestExplanation explain(String source, String vpcEndpoint, String apiName, String method, String target,
                                      String token, Instant at) {
        return explain(source, vpcEndpoint, apiName, method, target, token, List.of(), at);
    }

    /**
     * As {@link #explain(String, String, String, String, String, String, Instant)}, for a caller presenting a
     * client certificate chain (leaf first; empty: none). The chain is verified as the API's TLS listener would
     * (its client CA and CRL); a chain it would refuse ends the explanation where the handshake would end the
     * connection.
     */
    public RequestExplanation explain(String source, String vpcEndpoint, String apiName, String method, String target,
                                      String token, List<X509Certificate> certificate, Instant at) {
        ApiSettings settings = settings(apiName);
        return explain(source, vpcEndpoint, settings, method, target, headers(settings, token), at, steps -> {
            if (certificate.isEmpty()) {
                return null;
            }
            if (settings.tls().isEmpty()) {
                throw new IllegalArgumentException("--cert: " + apiName + " serves no TLS, so no certificate is presented");
            }
            try {
                ClientIdentity identity = TlsContexts.verifiedClient(settings.tls().get(), certificate);
                steps.add(new RequestExplanation.Step(Layer.IDENTITY, "client certificate", Decision.allow(
                        CERTIFICATE_VERIFIED, "tls.clientCa", identity.primary())));
                return identity;
            } catch (IllegalArgumentException e) {
                Decision refused = Decision.deny(TlsIdentityHandler.HANDSHAKE_FAILED, "tls", e.getMessage());
                steps.add(new RequestExplanation.Step(Layer.IDENTITY, "client certificate", refused));
                throw new Refused(refused);
            }
        });
    }

    /**
     * A request as a gateway received it: its own headers, and the client identity the API's TLS stage verified
     * (or {@code null}). A node's shadow explains the differences it samples with this.
     */
    public RequestExplanation explain(String source, String vpcEndpoint, String apiName, String method, String target,
                                      HttpHeaders headers, ClientIdentity identity, Instant at) {
        return explain(source, vpcEndpoint, settings(apiName), method, target, headers, at, steps -> identity);
    }

    /** The client identity a request presents, as a step of its own; throws {@link Refused} to end there. */
    private interface IdentityStep {
        ClientIdentity identity(List<RequestExplanation.Step> steps);
    }

    /** The handshake would end the connection: the explanation ends with this decision. */
    private static final class Refused extends RuntimeException {
        final transient Decision decision;

        Refused(Decision decision) {
            super(decision.detail(), null, false, false);
            this.decision = decision;
        }
    }

    private ApiSettings settings(String apiName) {
        return plan.api(apiName).orElseThrow(() -> new IllegalArgumentException("api: unknown '" + apiName
                + "' (expected: one of " + plan.gateway().apis().stream().map(ApiSettings::name).toList() + ")"));
    }

    private RequestExplanation explain(String source, String vpcEndpoint, ApiSettings settings, String method,
                                       String target, HttpHeaders headers, Instant at, IdentityStep identityStep) {
        SourceSpec spec = SourceSpec.parse(source);
        if (spec instanceof SourceSpec.OfGroup) {
            throw new IllegalArgumentException("source: '" + source + "' (expected: workload:ID or ADDRESS@VPC; a request comes from an address)");
        }
        String apiName = settings.name();
        ApiRef ref = snapshot.api(apiName).orElseThrow();
        Explanation network = new Explainer(snapshot).check(spec, apiName, 6, null, at);
        List<RequestExplanation.Step> steps = new ArrayList<>();
        steps.add(new RequestExplanation.Step(Layer.NETWORK, "security groups", network.decision()));
        if (!network.decision().allowed()) {
            return new RequestExplanation(network.decision(), network, steps, "", List.of(), 0);
        }
        Source resolved = snapshot.resolve(ref, address(spec), vpcEndpoint);
        ClientIdentity identity;
        try {
            identity = identityStep.identity(steps);
        } catch (Refused r) {
            return new RequestExplanation(r.decision, network, steps, "", List.of(), 0);
        }
        RequestChain chain = chains.computeIfAbsent(apiName, name -> new RequestChain(settings));
        RequestChain.Outcome o = chain.decide(method, target, headers, resolved, identity,
                settings.tls().isPresent(), "HTTP/1.1", at);
        Authorization auth = o.authorization();
        if (auth == null) { // refused before the authorizer: target, route or method, repeated credentials
            steps.add(new RequestExplanation.Step(o.decision().layer(), o.target() == null ? "request target" : "route",
                    o.decision()));
            return new RequestExplanation(o.decision(), network, steps, "", List.of(), o.status());
        }
        steps.add(new RequestExplanation.Step(Layer.POLICY, "route", Decision.allow(ROUTE_MATCHED,
                o.route() == null ? "routes" : "route " + o.route(),
                o.route() == null ? "the API has no routes: every path is forwarded" : "matched " + o.route())));
        steps.add(new RequestExplanation.Step(auth.decision().layer(), "identity and policy", auth.decision()));
        if (!auth.allowed()) {
            return new RequestExplanation(o.decision(), network, steps, auth.principal(), List.of(), o.status());
        }
        List<String> limits = limits(settings, o);
        steps.add(new RequestExplanation.Step(Layer.TRAFFIC, "limits", o.allowed()
                ? Decision.allow(WITHIN_LIMITS, "limits", "within every limit on full buckets (a live node's buckets "
                        + "are not consulted)") : o.decision()));
        return new RequestExplanation(o.decision(), network, steps, auth.principal(), o.allowed() ? limits : List.of(),
                o.status());
    }

    /** The token where the API's authorizer reads it: {@code Authorization: Bearer} unless it names another header. */
    private static HttpHeaders headers(ApiSettings settings, String token) {
        HttpHeaders headers = new DefaultHttpHeaders();
        if (token != null) {
            List<String> named = settings.authorizer().credentialHeaders();
            String header = named.isEmpty() ? "Authorization" : named.get(0);
            headers.set(header, header.equalsIgnoreCase("Authorization") ? "Bearer " + token.strip() : token.strip());
        }
        return headers;
    }

    private static List<String> limits(ApiSettings settings, RequestChain.Outcome o) {
        Limits l = settings.limits();
        List<String> out = new ArrayList<>();
        out.add("body at most " + o.maxBodyBytes() + " bytes (413 beyond)");
        for (RateLimitSettings rl : o.rateLimits()) {
            out.add("rate limit " + rl.policyName() + " per " + rl.key().name().toLowerCase(Locale.ROOT) + " (429 when empty)");
        }
        out.add("connections: at most " + l.maxConnectionsPerSource() + " per source, " + l.maxConnectionsPerGroup()
                + " per group, " + l.maxConnections() + " in all; " + l.maxRequestsInFlightPerSource()
                + " requests in flight per source");
        return out;
    }

    private InetAddress address(SourceSpec spec) {
        if (spec instanceof SourceSpec.OfAddress a) {
            return a.address().toInetAddress();
        }
        String id = ((SourceSpec.OfWorkload) spec).id();
        Workload w = plan.config().workloads().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        try {
            return InetAddress.getByName(w.addresses().get(0));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
