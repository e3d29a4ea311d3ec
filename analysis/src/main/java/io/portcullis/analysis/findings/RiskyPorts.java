package io.portcullis.analysis.findings;

import inet.ipaddr.IPAddress;
import io.portcullis.config.SecurityGroup;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * PC-NET-003: a high-risk port, or all traffic, open to a wide range. For each group, the engine is asked who
 * reaches its probe on each risky port (and, for {@code all}, at each of its rules' ports, keeping rules of
 * protocol all); a wide CIDR it reports is a finding on the admitting rule.
 */
final class RiskyPorts implements Check {

    @Override
    public void run(Estate e, List<Finding> out) {
        Set<String> seen = new HashSet<>();
        boolean allListed = e.settings.riskyPorts().stream().anyMatch(RiskyPort::allTraffic);
        for (int g = 0; g < e.config.securityGroups().size(); g++) {
            SecurityGroup sg = e.groupAt(g);
            if (e.referencedOnly(sg)) {
                continue;
            }
            for (RiskyPort port : e.settings.riskyPorts()) {
                if (!port.allTraffic() && !asksAbout(e, g, port)) {
                    continue; // no rule of the group names that port: nothing for the engine to admit
                }
                List<int[]> probes = port.allTraffic() ? e.probes(g) : List.of(new int[] {port.protocol(), port.port()});
                for (int[] probe : probes) {
                    for (Reachability.Caller r : e.reach().groupRanges(sg, probe[0], probe[1])) {
                        IPAddress range = WideSources.wide(e, r);
                        if (range == null) {
                            continue;
                        }
                        int[] rule = e.ruleOf(r.rule()).orElseThrow();
                        boolean all = e.rule(rule).protocol().number() == -1;
                        if (port.allTraffic() ? !all : all && allListed) {
                            continue; // a rule of protocol all is reported once, as all traffic, when that is listed
                        }
                        String what = port.allTraffic() ? "all traffic" : port + " (" + port.name() + ")";
                        if (!seen.add(rule[0] + " " + rule[1] + " " + what + " " + range)) {
                            continue;
                        }
                        out.add(new Finding(Rules.RISKY_PORT.id(), WideSources.everything(range) ? Severity.CRITICAL : Severity.HIGH,
                                e.places.rule(rule[0], rule[1]), (port.allTraffic() ? "all" : port.toString()) + " " + range,
                                what + " is open to " + WideSources.describe(range, e) + " on members of " + sg.key(),
                                List.of("admitted by " + e.ruleEvidence(rule[0], rule[1])
                                                + (rule[0] != g ? " (inherited by " + sg.key() + " through extends)" : ""),
                                        "carried by " + WideSources.carriers(e, sg.ref())),
                                Rules.RISKY_PORT.remediation()));
                    }
                }
            }
        }
    }

    /**
     * Whether some rule the group applies names the port's protocol (or all) and a range holding the port: which
     * questions are worth asking the engine, not an answer (10,000 groups times 9 ports would be 90,000 questions).
     */
    private static boolean asksAbout(Estate e, int g, RiskyPort port) {
        for (int x : e.withExtended(g)) {
            for (io.portcullis.config.IngressRule r : e.groupAt(x).ingress()) {
                int p = r.protocol().number();
                if (p == -1 || p == port.protocol() && r.ports().contains(port.port())) {
                    return true;
                }
            }
        }
        return false;
    }
}
