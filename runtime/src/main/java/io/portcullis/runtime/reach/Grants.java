package io.portcullis.runtime.reach;

import io.portcullis.config.AwsApi;
import io.portcullis.decision.Decision;
import io.portcullis.policy.PolicyDocument;
import io.portcullis.policy.PolicyResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policy layers of one AWS API: for a way in (an endpoint of the estate, one outside it, the internet), which
 * principal classes may invoke which resources, with the deciding statements. Representatives are read once per
 * API from every document that takes part ({@link Representatives}); verdicts of a resource policy that does not
 * test the endpoint are shared between endpoints.
 *
 * <p>Order and combination follow AWS ("Use VPC endpoint policies for private APIs in API Gateway"; "How API
 * Gateway resource policies affect authorization workflow"): the endpoint policy first (it must allow), then the
 * resource policy. An explicit Deny in either ends it. With the resource policy's Allow, a principal of the API's
 * account needs nothing more, one of another account also needs its identity policy's Allow
 * ({@link Grant.IdentityPolicy#MUST_ALSO_ALLOW}); with neither Allow nor Deny, only a signed principal of the
 * API's account may still be allowed, by its identity policy ({@link Grant.IdentityPolicy#MAY_ALLOW}). Identity
 * policies are not part of the estate, so grants say which one they rest on.
 */
final class Grants {

    private final AwsApi api;
    private final String path;
    private final Policies.Compiled resource;
    private final List<PrincipalClass> principals;
    private final List<Representatives.Resource> resources;
    private final List<Representatives.Source> sources;
    private final String sourceKey;
    private final Map<Long, Decision> shared = new HashMap<>();
    /** Statement labels by the (pre-built, shared) decision that names them, so each is built once. */
    private final Map<Decision, String> resourceLabels = new java.util.IdentityHashMap<>();

    /**
     * @param resource the compiled resource policy, null when the API has none (then nothing is granted)
     * @param endpointPolicies the endpoint policies that take part (for their representatives)
     * @param sourceKey the address key the way sets: {@code aws:VpcSourceIp} through an endpoint, {@code aws:SourceIp}
     *     from the internet
     */
    Grants(AwsApi api, String path, Policies.Compiled resource, List<Policies.Compiled> endpointPolicies, Set<String> estate,
           String sourceKey) {
        this(api, path, resource, endpointPolicies, List.of(), estate, sourceKey);
    }

    /**
     * As above, with the representatives also read from {@code alsoDistinguish}: documents that do not take part but
     * whose values must split the classes too (a semantic diff evaluates both sides of a change on the classes the
     * two versions of the policies distinguish, so that a class one version names is decided by both).
     */
    Grants(AwsApi api, String path, Policies.Compiled resource, List<Policies.Compiled> endpointPolicies,
           List<PolicyDocument> alsoDistinguish, Set<String> estate, String sourceKey) {
        this.api = api;
        this.path = path;
        this.resource = resource;
        this.sourceKey = sourceKey;
        List<PolicyDocument> docs = new ArrayList<>();
        if (resource != null && resource.document() != null) {
            docs.add(resource.document());
        }
        endpointPolicies.stream().filter(p -> p != null && p.document() != null).map(Policies.Compiled::document)
                .distinct().forEach(docs::add);
        docs.addAll(alsoDistinguish);
        this.principals = Representatives.principals(api, docs, estate);
        this.resources = Representatives.resources(api, docs);
        this.sources = Representatives.sources(docs, sourceKey);
    }

    /** The address classes of {@code sourceKey} the policies tell apart; empty when no condition tests it. */
    List<Representatives.Source> sources() {
        return sources;
    }

    /** The placeholder account of "any other account" (also the owner of the endpoint outside the estate). */
    String otherAccount() {
        return principals.get(principals.size() - 1).account();
    }

    /**
     * What the policies let through {@code endpoint} (null: an endpoint outside the estate, or the internet when
     * {@code vpce} is empty), whose request keys are {@code vpce} and {@code vpc}.
     */
    List<Grant> through(WhoCanInvoke.Endpoint endpoint, String vpce, String vpc) {
        if (resource == null) {
            return List.of();
        }
        List<Grant> out = new ArrayList<>();
        String defaultEndpointBy = endpointStatement(endpoint, vpce);
        Map<Decision, String> endpointLabels = new java.util.IdentityHashMap<>();
        List<Representatives.Source> from = sources.isEmpty()
                ? List.of(new Representatives.Source("", null, null)) : sources;
        for (int p = 0; p < principals.size(); p++) {
            PrincipalClass who = principals.get(p);
            for (int s = 0; s < from.size(); s++) {
                Representatives.Source source = from.get(s);
                Map<Grant.IdentityPolicy, Outcome> byKind = new LinkedHashMap<>();
                for (int r = 0; r < resources.size(); r++) {
                    Representatives.Resource res = resources.get(r);
                    boolean internet = vpce.isEmpty();
                    InvokeRequest request = InvokeRequest.of(who, res.arn(), vpce, vpc, internet ? source.address() : null,
                            internet ? null : source.address());
                    String endpointBy = defaultEndpointBy;
                    if (endpoint != null && endpoint.policy() != null) {
                        Decision e = endpoint.policy().decide(request);
                        if (!e.allowed()) {
                            continue;
                        }
                        endpointBy = endpointLabels.computeIfAbsent(e, x -> endpoint.path() + ".policy " + Policies.statement(x));
                    }
                    Decision d = resource.testsEndpoint() ? resource.decide(request)
                            : shared.computeIfAbsent(((long) p * 4096 + s) * 4096 + r, k -> resource.decide(request));
                    boolean ownAccount = who.signed() && who.account().equals(api.account());
                    Grant.IdentityPolicy kind;
                    String resourceBy;
                    if (d.allowed()) {
                        kind = who.signed() && !ownAccount ? Grant.IdentityPolicy.MUST_ALSO_ALLOW : Grant.IdentityPolicy.NOT_USED;
                        resourceBy = resourceLabels.computeIfAbsent(d, x -> path + ".resourcePolicy " + Policies.statement(x));
                    } else if (ownAccount && d.reason().equals(PolicyResult.IMPLICIT_DENY)) {
                        kind = Grant.IdentityPolicy.MAY_ALLOW;
                        resourceBy = "";
                    } else {
                        continue;
                    }
                    Outcome o = byKind.computeIfAbsent(kind, k -> new Outcome());
                    o.labels.add(res.label());
                    o.endpoint.add(endpointBy);
                    if (!resourceBy.isEmpty()) {
                        o.resource.add(resourceBy);
                    }
                }
                byKind.forEach((kind, o) -> out.add(new Grant(who, o.labels, resources.stream().map(Representatives.Resource::label)
                        .filter(l -> !o.labels.contains(l)).toList(), vpce.isEmpty() ? "" : String.join("; ", o.endpoint),
                        String.join("; ", o.resource), kind, source.label())));
            }
        }
        return out;
    }

    private static String endpointStatement(WhoCanInvoke.Endpoint endpoint, String vpce) {
        if (vpce.isEmpty()) {
            return "";
        }
        return endpoint == null ? "its owner's endpoint policy (assumed AWS's default: full access)"
                : endpoint.path() + ": no endpoint policy (AWS's default: full access)";
    }

    /** The resources one kind of grant covers and the statements that decided them. */
    private static final class Outcome {
        final List<String> labels = new ArrayList<>();
        final Set<String> endpoint = new LinkedHashSet<>();
        final Set<String> resource = new LinkedHashSet<>();
    }
}
