package io.portcullis.analysis.findings;

import inet.ipaddr.IPAddressString;
import io.portcullis.config.GroupRef;
import io.portcullis.config.IngressRule;
import io.portcullis.config.Peer;
import io.portcullis.config.PrefixList;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.VpcEndpoint;
import io.portcullis.config.Workload;
import java.util.List;
import java.util.function.IntFunction;

/**
 * PC-QUOTA-001 (inbound rules per group, IPv4 and IPv6 counted separately as AWS does; a group reference counts in
 * both, a prefix list as its entries) and PC-QUOTA-002 (groups per interface: each workload, VPC endpoint and API).
 * Over the quota is medium (AWS refuses it), near it ({@code near} of it) is info.
 */
final class Quotas implements Check {

    @Override
    public void run(Estate e, List<Finding> out) {
        int limit = e.settings.rulesPerGroup();
        for (int g = 0; g < e.config.securityGroups().size(); g++) {
            SecurityGroup sg = e.groupAt(g);
            int v4 = 0;
            int v6 = 0;
            for (IngressRule r : sg.ingress()) {
                for (String cidr : cidrs(e, r.from())) {
                    if (cidr == null) {
                        v4++;
                        v6++;
                    } else if (new IPAddressString(cidr).isIPv4()) {
                        v4++;
                    } else {
                        v6++;
                    }
                }
            }
            int worst = Math.max(v4, v6);
            Severity s = level(worst, limit, e.settings.near());
            if (s != null) {
                out.add(new Finding(Rules.RULES_QUOTA.id(), s, e.places.group(g), "",
                        sg.key() + " has " + worst + " inbound " + (v4 >= v6 ? "IPv4" : "IPv6") + " rule entries "
                                + (worst > limit ? "(over" : "(near") + " the quota of " + limit + ")",
                        List.of(sg.ingress().size() + " ingress rule(s): " + v4 + " IPv4 and " + v6 + " IPv6 entries "
                                + "(group references count in both, prefix lists as their entries)",
                                "quota: " + limit + " per address family (--quota rules-per-group=N)"),
                        Rules.RULES_QUOTA.remediation()));
            }
        }
        int per = e.settings.groupsPerInterface();
        for (int i = 0; i < e.config.workloads().size(); i++) {
            Workload w = e.config.workloads().get(i);
            interfaces(e, i, e.places::workload, "workload " + w.id(), w.groups(), per, out);
        }
        for (int i = 0; i < e.config.vpcEndpoints().size(); i++) {
            VpcEndpoint v = e.config.vpcEndpoints().get(i);
            interfaces(e, i, e.places::endpoint, "endpoint " + v.id(), v.securityGroups(), per, out);
        }
        for (int i = 0; i < e.config.apis().size(); i++) {
            interfaces(e, i, e.places::api, "API " + e.config.apis().get(i).name(), e.config.apis().get(i).securityGroups(), per, out);
        }
    }

    /** {@code place} is asked only for a finding: placing each of 100,000 interfaces would cost more than the check. */
    private static void interfaces(Estate e, int i, IntFunction<Resource> place, String what, List<GroupRef> groups, int limit,
                                   List<Finding> out) {
        Severity s = level(groups.size(), limit, e.settings.near());
        if (s != null) {
            out.add(new Finding(Rules.GROUPS_QUOTA.id(), s, place.apply(i), "",
                    what + " carries " + groups.size() + " security groups " + (groups.size() > limit ? "(over" : "(near")
                            + " the quota of " + limit + " per interface)",
                    List.of("groups: " + groups, "quota: " + limit + " per network interface (--quota groups-per-interface=N)"),
                    Rules.GROUPS_QUOTA.remediation()));
        }
    }

    /** Medium over the limit, info from {@code near} of it, else null. */
    static Severity level(int count, int limit, double near) {
        if (count > limit) {
            return Severity.MEDIUM;
        }
        return count >= Math.ceil(near * limit) ? Severity.INFO : null;
    }

    /** The entries a rule's source counts as: its CIDRs, or one null (both families) for a group. */
    private static List<String> cidrs(Estate e, Peer from) {
        if (from instanceof Peer.Cidr c) {
            return List.of(c.cidr());
        }
        if (from instanceof Peer.PrefixListRef pl) {
            return e.config.prefixLists().stream().filter(p -> p.id().equals(pl.prefixList())).findFirst()
                    .map(PrefixList::cidrs).orElse(List.of());
        }
        return java.util.Collections.singletonList(null);
    }
}
