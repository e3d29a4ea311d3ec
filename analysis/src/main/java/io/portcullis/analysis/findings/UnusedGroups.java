package io.portcullis.analysis.findings;

import io.portcullis.config.GroupRef;
import io.portcullis.config.IngressRule;
import io.portcullis.config.Peer;
import io.portcullis.config.SecurityGroup;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * PC-HYG-001: a group no workload, partner, API or endpoint carries, that no rule admits, and that no group
 * includes or extends. (A group that only includes others, and is itself used nowhere, is unused too.)
 */
final class UnusedGroups implements Check {

    @Override
    public void run(Estate e, List<Finding> out) {
        Set<GroupRef> used = new HashSet<>();
        e.config.workloads().forEach(w -> used.addAll(w.groups()));
        e.config.partners().forEach(p -> used.addAll(p.groups()));
        e.config.apis().forEach(a -> used.addAll(a.securityGroups()));
        e.config.vpcEndpoints().forEach(v -> used.addAll(v.securityGroups()));
        for (SecurityGroup g : e.config.securityGroups()) {
            used.addAll(g.includes());
            used.addAll(g.extendsGroups());
            for (IngressRule r : g.ingress()) {
                if (r.from() instanceof Peer.Group pg) {
                    used.add(pg.group());
                }
            }
        }
        for (int g = 0; g < e.config.securityGroups().size(); g++) {
            SecurityGroup sg = e.groupAt(g);
            if (!used.contains(sg.ref()) && !e.referencedOnly(sg)) {
                out.add(new Finding(Rules.UNUSED_GROUP.id(), Severity.LOW, e.places.group(g), "",
                        sg.key() + " is attached to nothing and referenced by nothing",
                        List.of("no workload, partner, API or VPC endpoint carries " + sg.key(),
                                "no ingress rule admits it and no group includes or extends it",
                                sg.ingress().size() + " ingress rule(s) of its own"),
                        Rules.UNUSED_GROUP.remediation()));
            }
        }
    }
}
