package io.portcullis.analysis.findings;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.portcullis.config.Api;
import io.portcullis.config.GroupRef;
import io.portcullis.config.SecurityGroup;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * PC-NET-001 (an API reachable from a wide range) and PC-NET-002 (a group no API carries admitting one). The
 * ranges come from the engine's who-can-reach of the API, or of the group's probe at each of its rules' ports
 * (its range callers only, read from the compiled rules).
 */
final class WideSources implements Check {

    @Override
    public void run(Estate e, List<Finding> out) {
        Set<String> onApis = new HashSet<>();
        for (int i = 0; i < e.config.apis().size(); i++) {
            Api api = e.config.apis().get(i);
            api.securityGroups().forEach(g -> onApis.add(g.key()));
            for (Reachability.Caller r : e.reach().apiRanges(api)) {
                IPAddress range = wide(e, r);
                if (range == null) {
                    continue;
                }
                int[] rule = e.ruleOf(r.rule()).orElseThrow();
                out.add(new Finding(Rules.API_WIDE_SOURCE.id(), everything(range) ? Severity.HIGH : Severity.MEDIUM,
                        e.places.api(i), range.toString(),
                        api.name() + " is reachable on tcp/" + api.listenPort() + " from " + describe(range, e),
                        List.of("API " + api.name() + " listens on " + api.listen() + " with groups " + api.securityGroups(),
                                "admitted by " + e.ruleEvidence(rule[0], rule[1])),
                        Rules.API_WIDE_SOURCE.remediation()));
            }
        }
        Set<String> seen = new HashSet<>();
        for (int g = 0; g < e.config.securityGroups().size(); g++) {
            SecurityGroup sg = e.groupAt(g);
            if (onApis.contains(sg.key()) || e.referencedOnly(sg)) {
                continue;
            }
            for (int[] probe : e.probes(g)) {
                for (Reachability.Caller r : e.reach().groupRanges(sg, probe[0], probe[1])) {
                    IPAddress range = wide(e, r);
                    int[] rule = range == null ? null : e.ruleOf(r.rule()).orElseThrow();
                    if (range == null || !seen.add(sg.key() + ' ' + rule[0] + ' ' + rule[1] + ' ' + range)) {
                        continue;
                    }
                    boolean inherited = rule[0] != g;
                    out.add(new Finding(Rules.GROUP_WIDE_SOURCE.id(), everything(range) ? Severity.MEDIUM : Severity.LOW,
                            e.places.rule(rule[0], rule[1]), range + (inherited ? " via " + sg.key() : ""),
                            sg.key() + " admits " + e.rule(rule).protocolAndPorts() + " from " + describe(range, e),
                            List.of("admitted by " + e.ruleEvidence(rule[0], rule[1])
                                    + (inherited ? " (inherited by " + sg.key() + " through extends)" : ""),
                                    "carried by " + carriers(e, sg.ref())),
                            Rules.GROUP_WIDE_SOURCE.remediation()));
                }
            }
        }
    }

    /** The range the engine reports for a CIDR caller, when it is wider than the settings allow; else null. */
    static IPAddress wide(Estate e, Reachability.Caller r) {
        if (!r.kind().equals("cidr")) {
            return null;
        }
        IPAddress a = new IPAddressString(r.subjects().get(0)).getAddress();
        if (a == null) {
            return null;
        }
        int prefix = a.getNetworkPrefixLength() == null ? a.getBitCount() : a.getNetworkPrefixLength();
        return e.settings.wide(a.isIPv4(), prefix) ? a : null;
    }

    static boolean everything(IPAddress range) {
        Integer p = range.getNetworkPrefixLength();
        return p != null && p == 0;
    }

    static String describe(IPAddress range, Estate e) {
        if (everything(range)) {
            return range + " (every " + (range.isIPv4() ? "IPv4" : "IPv6") + " address)";
        }
        return range + " (wider than /" + (range.isIPv4() ? e.settings.maxPrefixV4() : e.settings.maxPrefixV6()) + ")";
    }

    /** Who carries the group: its workloads, partners, endpoints and APIs, as a short list. */
    static String carriers(Estate e, GroupRef ref) {
        List<String> who = e.carriers(ref);
        if (who.isEmpty()) {
            return "nothing declared (an interface the estate does not list)";
        }
        return who.size() <= 5 ? String.join(", ", who) : String.join(", ", who.subList(0, 5)) + " and " + (who.size() - 5) + " more";
    }
}
