package io.portcullis.runtime.reach;

import static java.util.Objects.requireNonNull;

import io.portcullis.config.Account;
import io.portcullis.config.Api;
import io.portcullis.config.AwsApi;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.VpcEndpoint;
import io.portcullis.engine.ApiRef;
import io.portcullis.engine.Reachability;
import io.portcullis.engine.Snapshot;
import io.portcullis.policy.PolicyDocument;
import io.portcullis.runtime.plan.Plan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who can invoke each API of an estate, and why: for every API Gateway API ({@code awsApis[]}) the ways in AWS
 * allows, each with the callers the network admits and the principals and resources the policies admit; for
 * every Portcullis API ({@code apis[]}) the engine's answer.
 *
 * <p>A private API is reached only through {@code execute-api} interface endpoints of its region, of any account
 * (AWS, "Private REST APIs in API Gateway"). For each endpoint of the estate: its security groups admit callers on
 * TCP 443 (decided by the engine on a view of "an API at the endpoint's VPC with the endpoint's groups",
 * {@link Reachability}: callers of that VPC and of VPCs peered or attached to the same transit gateway); then its
 * endpoint policy (none attached: AWS's default, full access) must allow {@code execute-api:Invoke} on the
 * resource for the principal; then the API's resource policy, with {@code aws:SourceVpce} and
 * {@code aws:SourceVpc} the endpoint's. Besides the estate's endpoints, any endpoint of any other account is a way
 * in ({@link Way.Kind#OUTSIDE_ENDPOINT}), as far as the resource policy lets it: seed 002. REGIONAL and EDGE APIs
 * are reached from the internet as far as the resource policy allows ({@code aws:SourceIp}).
 *
 * <p>Design: caller classes are built once per snapshot; endpoints sharing (VPC, groups) share one network view,
 * computed once; policies are evaluated once per (endpoint, principal class, resource class), and once per
 * (principal, resource) when the resource policy does not test the endpoint. See docs/who-can-invoke.md.
 */
public final class WhoCanInvoke {

    /** The label of the addresses in none of the ranges a policy names. */
    public static final String ANY_OTHER_ADDRESS = "any other address";
    /** The placeholder id of "an execute-api endpoint outside the estate, in any other account". */
    public static final String OUTSIDE_ENDPOINT = "vpce-0outside0estate0";
    /** The placeholder id of that endpoint's VPC. */
    public static final String OUTSIDE_VPC = "vpc-0outside0estate0";

    private final List<ApiAccess> apis;

    private WhoCanInvoke(List<ApiAccess> apis) {
        this.apis = List.copyOf(apis);
    }

    /** Every API of the plan's configuration, decided now. */
    public static WhoCanInvoke of(Plan plan) {
        return of(plan, Instant.now());
    }

    /** Every API of the plan's configuration, decided at {@code at} (rules expire, schedules open and close). */
    public static WhoCanInvoke of(Plan plan, Instant at) {
        requireNonNull(plan, "plan");
        return of(plan.config(), plan.engine().snapshot(), at);
    }

    /** Every API of {@code config}, whose compiled engine is {@code snapshot}, decided at {@code at}. */
    public static WhoCanInvoke of(PortcullisConfig config, Snapshot snapshot, Instant at) {
        return of(config, snapshot, at, Map.of());
    }

    /**
     * As {@link #of(PortcullisConfig, Snapshot, Instant)}, with the principals, resources and source ranges of each
     * AWS API (by id) also read from {@code alsoDistinguish}: the other side's policies, when a diff compares two
     * configurations on the classes both distinguish.
     */
    public static WhoCanInvoke of(PortcullisConfig config, Snapshot snapshot, Instant at,
                                  Map<String, List<PolicyDocument>> alsoDistinguish) {
        requireNonNull(config, "config");
        requireNonNull(snapshot, "snapshot");
        requireNonNull(at, "at");
        return new Builder(config, snapshot, at, Map.copyOf(alsoDistinguish)).build();
    }

    /** Every API: the AWS APIs in configuration order, then the Portcullis APIs. */
    public List<ApiAccess> apis() {
        return apis;
    }

    /** An AWS API by id or name, or a Portcullis API by name. */
    public Optional<ApiAccess> api(String idOrName) {
        return apis.stream().filter(a -> a.id().equals(idOrName)).findFirst()
                .or(() -> apis.stream().filter(a -> a.name().equals(idOrName)).findFirst());
    }

    /** The ids and names there are, for an error message. */
    public String known() {
        return apis.stream().map(a -> a.id().equals(a.name()) ? a.id() : a.id() + " (" + a.name() + ")")
                .collect(Collectors.joining(", "));
    }

    /** Builds the answer for one configuration; not reused. */
    private static final class Builder {
        private final PortcullisConfig config;
        private final Snapshot snapshot;
        private final Instant at;
        private final Reachability reachability;
        private final Set<String> estate;
        private final Map<String, List<Reachability.Reached>> network = new HashMap<>();
        private final Map<String, ApiRef> views;
        private final Map<String, String> viewOf = new HashMap<>();
        private final Policies policies = new Policies();
        private Map<String, List<String>> addresses;

        private final Map<String, List<PolicyDocument>> alsoDistinguish;

        Builder(PortcullisConfig config, Snapshot snapshot, Instant at, Map<String, List<PolicyDocument>> alsoDistinguish) {
            this.alsoDistinguish = alsoDistinguish;
            this.config = config;
            this.snapshot = snapshot;
            this.at = at;
            this.reachability = Reachability.of(snapshot);
            this.estate = config.accounts().stream().map(Account::id).collect(Collectors.toSet());
            Map<String, Api> distinct = new LinkedHashMap<>();
            for (VpcEndpoint e : config.vpcEndpoints()) {
                if (e.executeApi()) {
                    String key = e.vpc() + " " + e.securityGroups().stream().map(Object::toString).sorted().toList();
                    viewOf.put(e.id(), key);
                    String account = config.vpcs().stream().filter(v -> v.id().equals(e.vpc())).findFirst()
                            .map(v -> v.account()).orElse(e.account());
                    distinct.computeIfAbsent(key, k -> new Api(k, account, e.vpc(), "0.0.0.0", 443, e.securityGroups()));
                }
            }
            this.views = reachability.views(List.copyOf(distinct.values()));
        }

        WhoCanInvoke build() {
            List<ApiAccess> out = new ArrayList<>();
            for (int i = 0; i < config.awsApis().size(); i++) {
                AwsApi api = config.awsApis().get(i);
                String path = "awsApis[" + i + "]";
                out.add(api.isPrivate() ? privateApi(api, path) : PublicApis.of(api, path, estate, policies, alsoDistinguish.getOrDefault(api.id(), List.of())));
            }
            for (int i = 0; i < config.apis().size(); i++) {
                Api api = config.apis().get(i);
                ApiRef ref = snapshot.api(api.name()).orElseThrow();
                List<Reachability.Reached> callers = reachability.reach(ref, 6, api.listenPort(), at, Reachability.Scope.ANY_VPC);
                Way way = new Way(Way.Kind.PORTCULLIS, "", api.vpc(), api.account(), "apis[" + i + "]", callers, List.of(),
                        "");
                out.add(new ApiAccess(ApiAccess.Kind.PORTCULLIS, api.name(), api.name(), api.account(), "apis[" + i + "]",
                        List.of(way), List.of("the resource policy and authentication are decided per request by the gateway"),
                        estate));
            }
            return new WhoCanInvoke(out);
        }

        /** A workload's addresses, by id (built on first use: only policies testing aws:VpcSourceIp need them). */
        private List<String> addresses(String workload) {
            if (addresses == null) {
                addresses = new HashMap<>();
                config.workloads().forEach(w -> addresses.put(w.id(), w.addresses()));
            }
            return addresses.getOrDefault(workload, List.of());
        }

        private ApiAccess privateApi(AwsApi api, String path) {
            List<String> notes = new ArrayList<>();
            List<Endpoint> endpoints = new ArrayList<>();
            for (int j = 0; j < config.vpcEndpoints().size(); j++) {
                VpcEndpoint e = config.vpcEndpoints().get(j);
                if (e.executeApi() && api.region().equals(region(e))) {
                    endpoints.add(new Endpoint(e, "vpcEndpoints[" + j + "]", policies.endpoint(e)));
                }
            }
            if (api.endpointTypes().size() > 1) {
                notes.add("endpoint types " + api.endpointTypes() + ": evaluated as PRIVATE only");
            }
            Optional<Policies.Compiled> resource = api.resourcePolicy().map(p -> policies.resource(api, p));
            if (resource.isEmpty()) {
                // "Your private API requires a resource policy" (AWS, "Use VPC endpoint policies for private APIs in
                // API Gateway"): without one, API Gateway denies every call to a private API.
                notes.add("no resource policy: API Gateway denies every call to a private API without one");
            } else if (resource.get().error() != null) {
                notes.add("resource policy not evaluated (fails closed): " + resource.get().error());
            }
            Grants grants = new Grants(api, path, resource.filter(c -> c.error() == null).orElse(null),
                    endpoints.stream().map(Endpoint::policy).toList(), alsoDistinguish.getOrDefault(api.id(), List.of()), estate,
                    "aws:VpcSourceIp");
            List<Way> ways = new ArrayList<>();
            for (Endpoint e : endpoints) {
                List<Reachability.Reached> callers = network.computeIfAbsent(viewOf.get(e.endpoint().id()),
                        k -> reachability.reach(views.get(k), 6, 443, at, Reachability.Scope.CONNECTED_VPCS));
                String note = e.endpoint().securityGroups().isEmpty() ? "the endpoint has no security group: it admits nobody"
                        : e.policy() != null && e.policy().error() != null
                        ? "endpoint policy not evaluated (fails closed): " + e.policy().error() : "";
                List<Grant> through = grants.through(e, e.endpoint().id(), e.endpoint().vpc());
                if (grants.sources().isEmpty()) {
                    ways.add(new Way(Way.Kind.ENDPOINT, e.endpoint().id(), e.endpoint().vpc(), e.endpoint().account(), e.path(),
                            callers, through, note));
                    continue;
                }
                // The policies test aws:VpcSourceIp (the caller's private address): one way per address class, with
                // the callers in that class and the grants evaluated for it.
                for (Representatives.Source source : grants.sources()) {
                    ways.add(new Way(Way.Kind.ENDPOINT, e.endpoint().id(), e.endpoint().vpc(), e.endpoint().account(), e.path(),
                            SourceSplit.callers(callers, grants.sources(), source, this::addresses, (vpc, address) ->
                                    reachability.admits(views.get(viewOf.get(e.endpoint().id())), vpc, address, 6, 443, at)),
                            through.stream().filter(g -> g.sourceRange().equals(source.label())).toList(),
                            (note.isEmpty() ? "" : note + "; ") + (source.range() == null ? "callers whose address is in no range the "
                                    + "policies name" : "callers whose address is in " + source.label()) + " (aws:VpcSourceIp)"));
                }
            }
            ways.add(new Way(Way.Kind.OUTSIDE_ENDPOINT, OUTSIDE_ENDPOINT, OUTSIDE_VPC, grants.otherAccount(), "", List.of(),
                    grants.through(null, OUTSIDE_ENDPOINT, OUTSIDE_VPC), "any execute-api endpoint of " + api.region()
                            + " in a VPC and account outside the estate (its endpoint policy is its owner's: AWS's default, "
                            + "full access, assumed)"));
            return new ApiAccess(ApiAccess.Kind.AWS_PRIVATE, api.id(), api.name(), api.account(), path, ways, notes, estate);
        }
    }

    /** The region of an execute-api endpoint: {@code com.amazonaws.REGION.execute-api}. */
    static String region(VpcEndpoint e) {
        String[] parts = e.service().split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] : "";
    }

    /** An execute-api endpoint of the API's region, its configuration path and its compiled policy (null: none). */
    record Endpoint(VpcEndpoint endpoint, String path, Policies.Compiled policy) {}
}
