package io.portcullis.bench.analysis;

import io.portcullis.config.GroupRef;
import io.portcullis.config.IngressRule;
import io.portcullis.config.Peer;
import io.portcullis.config.PortRange;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.Protocol;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.digest.PlanDigest;
import io.portcullis.engine.AccessEngine;
import io.portcullis.runtime.diff.ApiDiff;
import io.portcullis.runtime.diff.PlanDiff;
import io.portcullis.runtime.reach.WhoCanInvoke;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Target (issue 16): the semantic diff of a 10,000-group configuration against the same with one rule added
 * completes in seconds. The estate is {@link GeneratedEstate}'s (10,000 groups, 100,000 workloads, 200 private APIs, 10
 * Portcullis APIs); the change adds one rule to the group of the Portcullis API {@code papi-0}, from a group it did not admit. Each run times the
 * two engine compiles and the diff ({@link PlanDiff#of}: who can invoke on both sides at every instant where a rule
 * starts or stops, compared atom by atom), beside the peer in the same run: one {@link WhoCanInvoke#of} of one side,
 * which is what {@code analyze} asks of one plan. The first run is in a cold JVM. A plain harness: one long event.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.portcullis.bench.analysis.DiffHarness [groups] [interfaces]
 * [privateApis] [runs]}.
 */
public final class DiffHarness {

    private DiffHarness() {}

    public static void main(String[] args) {
        int groups = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int interfaces = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int apis = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        PortcullisConfig before = GeneratedEstate.of(groups, interfaces, apis, 15);
        PortcullisConfig after = oneRuleAdded(before);
        Instant at = Instant.parse("2026-12-07T00:00:00Z");
        System.out.printf("estate: %d groups, %d workloads, %d AWS APIs, %d Portcullis APIs; the change: one rule into %s%n",
                before.securityGroups().size(), before.workloads().size(), before.awsApis().size(), before.apis().size(),
                before.apis().get(0).securityGroups().get(0));
        for (int run = 0; run < runs; run++) {
            WhoCanInvokeHarness.Phase compile = new WhoCanInvokeHarness.Phase();
            PlanDiff.Side a = new PlanDiff.Side(before, AccessEngine.compile(before).snapshot(), PlanDigest.of(before, p -> Optional.empty()));
            PlanDiff.Side b = new PlanDiff.Side(after, AccessEngine.compile(after).snapshot(), PlanDigest.of(after, p -> Optional.empty()));
            compile.end();
            WhoCanInvokeHarness.Phase peer = new WhoCanInvokeHarness.Phase();
            WhoCanInvoke.of(before, a.snapshot(), at);
            peer.end();
            WhoCanInvokeHarness.Phase diff = new WhoCanInvokeHarness.Phase();
            PlanDiff d = PlanDiff.of(a, b, at);
            diff.end();
            String listed = d.apis().stream().map(x -> x.id() + ": " + x.gained().size() + " gained ("
                    + x.gained().stream().mapToInt(c -> c.sources().size()).sum() + " sources), " + x.lost().size() + " lost")
                    .reduce((x, y) -> x + "; " + y).orElse("nothing");
            System.out.printf("run %d (ms wall/CPU/GC): two compiles and digests %s; who-can-invoke of one side (peer) %s; "
                    + "diff %s (%d instants) lists %s%n", run, compile, peer, diff, d.instants().size(), listed);
            if (d.apis().size() != 1 || !d.apis().get(0).id().equals("papi-0") || !d.apis().get(0).lost().isEmpty()) {
                throw new IllegalStateException("the diff lists more than the rule's effect: " + d.apis().stream().map(ApiDiff::id).toList());
            }
        }
    }

    /**
     * {@code papi-0}'s group with one more rule: TCP 8443 from the first group of the first workload of its VPC that the
     * API does not admit yet.
     */
    static PortcullisConfig oneRuleAdded(PortcullisConfig c) {
        GroupRef target = c.apis().get(0).securityGroups().get(0);
        var snapshot = AccessEngine.compile(c).snapshot();
        var reach = io.portcullis.engine.Reachability.of(snapshot);
        var api = snapshot.api(c.apis().get(0).name()).orElseThrow();
        GroupRef from = c.workloads().stream().filter(w -> w.vpc().equals(c.apis().get(0).vpc()) && !w.groups().isEmpty()
                        && !reach.admits(api, w.vpc(), w.addresses().get(0), 6, 8443, Instant.parse("2026-12-07T00:00:00Z")))
                .findFirst().orElseThrow().groups().get(0);
        List<SecurityGroup> groups = new ArrayList<>();
        for (SecurityGroup g : c.securityGroups()) {
            if (g.id().equals(target.id()) && g.account().equals(target.account())) {
                List<IngressRule> rules = new ArrayList<>(g.ingress());
                rules.add(new IngressRule(Protocol.TCP, new PortRange(8443, 8443), new Peer.Group(from), Optional.empty(), Optional.empty(), "the one change"));
                g = new SecurityGroup(g.id(), g.account(), g.vpc(), g.description(), g.owner(), g.tags(), rules, g.includes(),
                        g.extendsGroups());
            }
            groups.add(g);
        }
        return new PortcullisConfig(c.accounts(), c.vpcs(), c.connections(), c.vpcEndpoints(), c.prefixLists(), groups,
                c.workloads(), c.partners(), c.apis(), c.awsApis(), c.node());
    }
}
