package io.portcullis.analysis.findings;

import io.portcullis.config.IngressRule;
import io.portcullis.config.Peer;
import io.portcullis.config.PrefixList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * PC-NET-004: a rule admitting a prefix list with no entries here. The import declares a list whose entries the
 * export does not give (get-managed-prefix-list-entries was not run, or the list is another account's) with no
 * CIDRs, so the engine admits nobody through the rule, while AWS admits whatever the list holds, possibly
 * 0.0.0.0/0: what the rule exposes cannot be analysed. Medium; high when the rule's ports hold a high-risk port
 * (the {@code --risky-ports} of PC-NET-003, protocol all included).
 */
final class UnknownPrefixLists implements Check {

    @Override
    public void run(Estate e, List<Finding> out) {
        Map<String, PrefixList> lists = byId(e);
        e.ownRules((g, r, rule) -> {
            if (!unknown(rule.from(), lists)) {
                return;
            }
            String list = ((Peer.PrefixListRef) rule.from()).prefixList();
            boolean all = rule.protocol().number() == -1; // every port, so every risky one
            List<RiskyPort> risky = e.settings.riskyPorts().stream().filter(p -> all || opens(rule, p)).toList();
            int declared = e.config.prefixLists().indexOf(lists.get(list));
            out.add(new Finding(Rules.UNKNOWN_PREFIX_LIST.id(), risky.isEmpty() ? Severity.MEDIUM : Severity.HIGH,
                    e.places.rule(g, r), list,
                    e.groupAt(g).key() + " ingress[" + r + "] admits " + list + ", whose entries are not in the estate: "
                            + "the ranges it admits in AWS are unknown",
                    List.of(e.ruleEvidence(g, r), list + " has no CIDRs, at " + e.places.where("prefixLists[" + declared + "]")
                                    + " (the import declares a list without CIDRs when the export lacks its entries)",
                            risky.isEmpty() ? "no high-risk port" : all ? "high-risk: all traffic" : "high-risk: "
                                    + risky.stream().map(p -> p + " (" + p.name() + ")").collect(Collectors.joining(", "))),
                    Rules.UNKNOWN_PREFIX_LIST.remediation()));
        });
    }

    static Map<String, PrefixList> byId(Estate e) {
        return e.config.prefixLists().stream().collect(Collectors.toMap(PrefixList::id, Function.identity()));
    }

    /** Whether {@code from} is a prefix list with no entries (validate makes sure every named list is declared). */
    static boolean unknown(Peer from, Map<String, PrefixList> lists) {
        return from instanceof Peer.PrefixListRef ref && lists.get(ref.prefixList()).cidrs().isEmpty();
    }

    /** Whether a rule of one protocol admits the risky port: that protocol, and a port range holding it. */
    private static boolean opens(IngressRule rule, RiskyPort p) {
        return !p.allTraffic() && rule.protocol().number() == p.protocol() && rule.ports().contains(p.port());
    }
}
