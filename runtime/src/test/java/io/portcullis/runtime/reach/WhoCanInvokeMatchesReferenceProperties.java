package io.portcullis.runtime.reach;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddressString;
import io.portcullis.config.Api;
import io.portcullis.config.AwsApi;
import io.portcullis.config.Connection;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.VpcEndpoint;
import io.portcullis.config.Workload;
import io.portcullis.engine.AccessEngine;
import io.portcullis.engine.Explainer;
import io.portcullis.engine.Reachability;
import io.portcullis.engine.SourceSpec;
import io.portcullis.policy.ApiBinding;
import io.portcullis.policy.PolicyParser;
import io.portcullis.policy.PolicySet;
import io.portcullis.policy.Principal;
import io.portcullis.policy.SimpleRequestContext;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * For generated estates ({@link RandomEstate}), the (workload, API) pairs who-can-invoke reports are exactly those
 * a straightforward reference admits, layer by layer, for every workload and API: for a private API, some
 * execute-api endpoint of its region in the workload's or a connected VPC whose security groups admit one of the
 * workload's addresses on tcp/443 (the engine's own decision, {@link Explainer#check}, on a configuration where
 * each endpoint is declared as an API) and whose endpoint policy and the API's resource policy both allow an
 * anonymous {@code execute-api:Invoke} of one of a few resources from that address (policy evaluator, on a map-based
 * context, {@code aws:VpcSourceIp} the address); for a
 * Portcullis API, the engine's decision for one of the workload's addresses.
 */
class WhoCanInvokeMatchesReferenceProperties {

    static final Instant AT = Instant.parse("2026-12-07T00:00:00Z");
    static final List<String> PROBES = List.of("prod/GET/pets", "prod/POST/orders", "dev/GET/x", "test/PUT/y");

    @Property(tries = 300)
    void reportedPairsAreTheReferencesPairs(@ForAll long seed) {
        PortcullisConfig config = RandomEstate.of(seed);
        WhoCanInvoke who = WhoCanInvoke.of(config, AccessEngine.compile(config).snapshot(), AT);
        assertThat(reported(who)).as("seed " + seed).isEqualTo(reference(config));
        Statistics.label("pairs").collect(reported(who).size() > 3 ? "4+" : Integer.toString(reported(who).size()));
    }

    private static Set<String> reported(WhoCanInvoke who) {
        Set<String> out = new TreeSet<>();
        for (ApiAccess a : who.apis()) {
            for (Way w : a.open()) {
                boolean anonymous = w.kind() == Way.Kind.PORTCULLIS
                        || w.grants().stream().anyMatch(g -> g.principal().kind() == PrincipalClass.Kind.ANONYMOUS);
                for (Reachability.Reached c : w.callers()) {
                    if (anonymous && c.kind() == Reachability.Reached.Kind.WORKLOADS) {
                        c.workloads().forEach(id -> out.add(id + " -> " + a.id()));
                    }
                }
            }
        }
        return out;
    }

    private static Set<String> reference(PortcullisConfig config) {
        Set<String> out = new TreeSet<>();
        List<VpcEndpoint> endpoints = config.vpcEndpoints();
        List<Api> views = endpoints.stream().map(e -> new Api(e.id(), e.account(), e.vpc(), "0.0.0.0", 443, e.securityGroups())).toList();
        PortcullisConfig viewConfig = new PortcullisConfig(config.accounts(), config.vpcs(), config.connections(), endpoints,
                config.prefixLists(), config.securityGroups(), config.workloads(), config.partners(), views, List.of(), config.node());
        Explainer network = new Explainer(AccessEngine.compile(viewConfig).snapshot());
        Explainer own = new Explainer(AccessEngine.compile(config).snapshot());
        for (Workload w : config.workloads()) {
            for (AwsApi api : config.awsApis()) {
                for (VpcEndpoint e : endpoints) {
                    if (e.service().equals("com.amazonaws." + api.region() + ".execute-api") && connected(config, w.vpc(), e.vpc())
                            && w.addresses().stream().anyMatch(a -> admits(network, a, w.vpc(), e.id()) && policiesAllow(api, e, a))) {
                        out.add(w.id() + " -> " + api.id());
                        break;
                    }
                }
            }
            for (Api api : config.apis()) {
                if (w.addresses().stream().anyMatch(a -> admits(own, a, w.vpc(), api.name()))) {
                    out.add(w.id() + " -> " + api.name());
                }
            }
        }
        return out;
    }

    private static boolean admits(Explainer engine, String address, String vpc, String api) {
        return engine.check(new SourceSpec.OfAddress(new IPAddressString(address).getAddress(), vpc), api, 6, 443, AT).decision().allowed();
    }

    /** The same VPC, a peering between the two, or one transit gateway both are attached to. */
    private static boolean connected(PortcullisConfig c, String a, String b) {
        return a.equals(b) || c.connections().stream().map(Connection::vpcs).anyMatch(v -> v.contains(a) && v.contains(b));
    }

    private static boolean policiesAllow(AwsApi api, VpcEndpoint e, String address) {
        if (api.resourcePolicy().isEmpty()) {
            return false;
        }
        PolicySet resource = PolicySet.compile(List.of(PolicyParser.parse(api.resourcePolicy().get().json()).orThrow()),
                new ApiBinding("aws", api.region(), api.account(), api.id()));
        PolicySet endpoint = e.policy().map(p -> PolicySet.compile(List.of(PolicyParser.parse(p.json()).orThrow()), null)).orElse(null);
        for (String probe : PROBES) {
            SimpleRequestContext ctx = SimpleRequestContext.builder(Principal.anonymous(), "execute-api:Invoke", api.arn() + "/" + probe)
                    .put("aws:SourceVpce", e.id()).put("aws:SourceVpc", e.vpc()).put("aws:VpcSourceIp", address).build();
            if ((endpoint == null || endpoint.decide(ctx).allowed()) && resource.decide(ctx).allowed()) {
                return true;
            }
        }
        return false;
    }
}
