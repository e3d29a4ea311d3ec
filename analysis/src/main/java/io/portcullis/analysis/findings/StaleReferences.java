package io.portcullis.analysis.findings;

import io.portcullis.config.AwsApi;
import io.portcullis.config.Connection;
import io.portcullis.config.GroupRef;
import io.portcullis.config.IngressRule;
import io.portcullis.config.Peer;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.Vpc;
import io.portcullis.config.VpcEndpoint;
import io.portcullis.engine.Explanation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * PC-STALE-001..004: rules naming groups the import found only as references, rules the engine marks stale
 * (their group is across VPCs that are not connected), VPCs connected to nothing with no callers, and endpoints or
 * APIs that point at what the estate does not hold.
 */
final class StaleReferences implements Check {

    @Override
    public void run(Estate e, List<Finding> out) {
        e.ownRules((g, r, rule) -> {
            if (rule.from() instanceof Peer.Group pg) {
                references(e, g, r, rule, pg.group(), out);
            }
        });
        vpcs(e, out);
        endpoints(e, out);
    }

    private static void references(Estate e, int g, int r, IngressRule rule, GroupRef target, List<Finding> out) {
        int t = e.group(target);
        SecurityGroup ref = e.groupAt(t);
        if (e.referencedOnly(ref)) {
            out.add(new Finding(Rules.MISSING_GROUP.id(), Severity.MEDIUM, e.places.rule(g, r), "",
                    e.groupAt(g).key() + " ingress[" + r + "] admits " + target + ", which is not in the estate",
                    List.of(e.ruleEvidence(g, r), target + " is tagged " + Estate.IMPORTED_TAG + ": " + Estate.REFERENCED_ONLY
                            + " (the import saw it only as a reference), at " + e.places.where("securityGroups[" + t + "]")),
                    Rules.MISSING_GROUP.remediation()));
            return;
        }
        int proto = rule.protocol().number() == -1 ? 6 : rule.protocol().number();
        int port = rule.protocol().hasPorts() ? rule.ports().from() : 0;
        Explanation x = e.reach().groupReaches(ref, Reachability.probe(e.groupAt(g)), proto, port);
        String label = e.groupAt(g).key() + " ingress[" + r + "]";
        for (Explanation.NearMiss m : x.nearMisses()) {
            if (m.kind() == Explanation.Kind.STALE_REFERENCE && m.rule().equals(label)) {
                out.add(new Finding(Rules.UNCONNECTED_REFERENCE.id(), Severity.LOW, e.places.rule(g, r), "",
                        label + " references " + target + " in " + ref.vpc() + ", which is not connected to "
                                + e.groupAt(g).vpc() + ": the rule matches nothing",
                        List.of(e.ruleEvidence(g, r), "engine: " + m.rule() + ": " + m.detail()),
                        Rules.UNCONNECTED_REFERENCE.remediation()));
            }
        }
    }

    private static void vpcs(Estate e, List<Finding> out) {
        Set<String> used = new HashSet<>();
        for (Connection c : e.config.connections()) {
            used.addAll(c.vpcs());
        }
        e.config.workloads().forEach(w -> used.add(w.vpc()));
        e.config.vpcEndpoints().forEach(v -> used.add(v.vpc()));
        e.config.apis().forEach(a -> used.add(a.vpc()));
        for (int i = 0; i < e.config.vpcs().size(); i++) {
            Vpc v = e.config.vpcs().get(i);
            if (!used.contains(v.id())) {
                long groups = e.config.securityGroups().stream().filter(g -> g.vpc().equals(v.id())).count();
                out.add(new Finding(Rules.ISOLATED_VPC.id(), Severity.LOW, e.places.vpc(i), "",
                        v.id() + " is connected to no VPC and holds no workload, endpoint or API",
                        List.of("no peering or transit gateway names " + v.id(),
                                "no workload, VPC endpoint or API is in it (" + groups + " security group(s) are)"),
                        Rules.ISOLATED_VPC.remediation()));
            }
        }
    }

    private static void endpoints(Estate e, List<Finding> out) {
        Set<String> declared = new HashSet<>();
        e.config.vpcEndpoints().forEach(v -> declared.add(v.id()));
        for (int i = 0; i < e.config.awsApis().size(); i++) {
            AwsApi api = e.config.awsApis().get(i);
            for (int k = 0; k < api.vpcEndpointIds().size(); k++) {
                String id = api.vpcEndpointIds().get(k);
                if (!declared.contains(id)) {
                    out.add(new Finding(Rules.DANGLING_ENDPOINT.id(), Severity.LOW, e.places.awsApi(i), id,
                            api.name() + " (" + api.id() + ") names VPC endpoint " + id + ", which the estate does not hold",
                            List.of("awsApis[" + i + "].vpcEndpointIds[" + k + "]: " + id + ", at "
                                    + e.places.where("awsApis[" + i + "].vpcEndpointIds[" + k + "]"),
                                    "no vpcEndpoints[] entry has that id (deleted, or in an account not imported)"),
                            Rules.DANGLING_ENDPOINT.remediation()));
                }
            }
        }
        for (int i = 0; i < e.config.vpcEndpoints().size(); i++) {
            VpcEndpoint v = e.config.vpcEndpoints().get(i);
            for (GroupRef ref : v.securityGroups()) {
                int t = e.group(ref);
                if (e.referencedOnly(e.groupAt(t))) {
                    out.add(new Finding(Rules.DANGLING_ENDPOINT.id(), Severity.MEDIUM, e.places.endpoint(i), ref.key(),
                            v.id() + " carries " + ref + ", which is not in the estate",
                            List.of(ref + " is tagged " + Estate.IMPORTED_TAG + ": " + Estate.REFERENCED_ONLY + ", at "
                                    + e.places.where("securityGroups[" + t + "]")),
                            Rules.DANGLING_ENDPOINT.remediation()));
                }
            }
        }
    }
}
