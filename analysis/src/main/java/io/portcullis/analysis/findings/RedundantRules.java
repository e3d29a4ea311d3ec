package io.portcullis.analysis.findings;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.portcullis.config.IngressRule;
import io.portcullis.config.Peer;
import io.portcullis.config.PrefixList;
import io.portcullis.config.SecurityGroup;
import java.util.List;
import java.util.Map;

/**
 * PC-HYG-002: a rule another rule of the same group makes redundant: that rule admits the same or a wider source
 * (the same group or prefix list, or CIDRs that hold every one of this rule's), the same or more protocols and
 * ports, never less often (no schedule, or the same one) and never for less long (no expiry, or a later one). Of
 * two identical rules the later one is reported. Expired rules are left to PC-EXP-001. This compares rules, it
 * decides no traffic: membership through {@code includes} is not followed. A rule naming a prefix list with no
 * entries here (the import's placeholder for a list whose entries the export lacks) is never covered: every range
 * would vacuously be "covered", while in AWS it admits whatever the list holds ({@link UnknownPrefixLists}).
 */
final class RedundantRules implements Check {

    @Override
    public void run(Estate e, List<Finding> out) {
        Map<String, PrefixList> lists = UnknownPrefixLists.byId(e);
        for (int g = 0; g < e.config.securityGroups().size(); g++) {
            SecurityGroup sg = e.groupAt(g);
            List<IngressRule> rules = sg.ingress();
            for (int j = 0; j < rules.size(); j++) {
                IngressRule b = rules.get(j);
                if (expired(e, b)) {
                    continue;
                }
                for (int i = 0; i < rules.size(); i++) {
                    IngressRule a = rules.get(i);
                    if (i == j || expired(e, a) || !covers(a, b, lists) || covers(b, a, lists) && i > j) {
                        continue;
                    }
                    boolean same = covers(b, a, lists);
                    out.add(new Finding(Rules.REDUNDANT_RULE.id(), Severity.LOW, e.places.rule(g, j), "",
                            sg.key() + " ingress[" + j + "] is " + (same ? "a duplicate of" : "shadowed by") + " ingress[" + i + "]",
                            List.of("redundant: " + e.ruleEvidence(g, j), (same ? "duplicate of: " : "covered by: ") + e.ruleEvidence(g, i)),
                            Rules.REDUNDANT_RULE.remediation()));
                    break;
                }
            }
        }
    }

    private static boolean expired(Estate e, IngressRule r) {
        return r.expires().isPresent() && !r.expires().get().isAfter(e.now);
    }

    /** Whether {@code a} admits everything {@code b} admits, whenever {@code b} does. */
    static boolean covers(IngressRule a, IngressRule b, Map<String, PrefixList> lists) {
        int pa = a.protocol().number();
        int pb = b.protocol().number();
        if (pa != -1 && pa != pb) {
            return false;
        }
        if (pa != -1 && a.protocol().hasPorts() && (a.ports().from() > b.ports().from() || a.ports().to() < b.ports().to())) {
            return false;
        }
        if (a.schedule().isPresent() && !a.schedule().equals(b.schedule())) {
            return false;
        }
        if (a.expires().isPresent() && (b.expires().isEmpty() || a.expires().get().isBefore(b.expires().get()))) {
            return false;
        }
        return source(a.from(), b.from(), lists);
    }

    private static boolean source(Peer a, Peer b, Map<String, PrefixList> lists) {
        if (a instanceof Peer.Group || b instanceof Peer.Group) {
            return a.equals(b);
        }
        if (UnknownPrefixLists.unknown(b, lists)) {
            return false; // what it admits in AWS is not known here: no rule can be shown to cover it (PC-NET-004)
        }
        if (a.equals(b)) {
            return true;
        }
        List<IPAddress> wide = cidrs(a, lists);
        return cidrs(b, lists).stream().allMatch(x -> wide.stream().anyMatch(w -> w.getIPVersion() == x.getIPVersion() && w.contains(x)));
    }

    private static List<IPAddress> cidrs(Peer p, Map<String, PrefixList> lists) {
        List<String> c = p instanceof Peer.Cidr pc ? List.of(pc.cidr()) : lists.get(((Peer.PrefixListRef) p).prefixList()).cidrs();
        return c.stream().map(s -> new IPAddressString(s).getAddress()).toList();
    }
}
