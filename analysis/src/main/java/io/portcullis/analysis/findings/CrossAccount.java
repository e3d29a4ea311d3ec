package io.portcullis.analysis.findings;

import io.portcullis.config.Api;
import io.portcullis.config.IngressRule;
import io.portcullis.config.Partner;
import io.portcullis.config.Peer;
import io.portcullis.config.SecurityGroup;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * PC-XACCT-001 (a rule admitting a group of another account) and PC-XACCT-002 (a partner of another account that
 * the engine admits to an API, or to a group no API carries).
 */
final class CrossAccount implements Check {

    @Override
    public void run(Estate e, List<Finding> out) {
        for (int g = 0; g < e.config.securityGroups().size(); g++) {
            SecurityGroup sg = e.groupAt(g);
            for (int r = 0; r < sg.ingress().size(); r++) {
                IngressRule rule = sg.ingress().get(r);
                if (rule.from() instanceof Peer.Group pg && !pg.group().account().equals(sg.account())) {
                    String other = pg.group().account();
                    String name = e.config.accounts().stream().filter(a -> a.id().equals(other)).map(a -> " (" + a.name() + ")")
                            .findFirst().orElse(" (not declared under accounts)");
                    out.add(new Finding(Rules.CROSS_ACCOUNT_GROUP.id(), Severity.MEDIUM, e.places.rule(g, r), "",
                            sg.key() + " ingress[" + r + "] admits " + pg.group() + " of account " + other + name,
                            List.of(e.ruleEvidence(g, r), sg.key() + " is owned by " + sg.account() + "; "
                                    + pg.group() + " by " + other + ", which decides who joins it"),
                            Rules.CROSS_ACCOUNT_GROUP.remediation()));
                }
            }
        }
        Map<String, Partner> partners = e.config.partners().stream().collect(Collectors.toMap(Partner::id, Function.identity()));
        if (partners.isEmpty()) {
            return;
        }
        Set<String> onApis = new HashSet<>();
        for (int i = 0; i < e.config.apis().size(); i++) {
            Api api = e.config.apis().get(i);
            api.securityGroups().forEach(x -> onApis.add(x.key()));
            partnersOf(e, e.reach().apiPartners(api), api.account(), partners, e.places.api(i), "API " + api.name(), new HashSet<>(), out);
        }
        for (int g = 0; g < e.config.securityGroups().size(); g++) {
            SecurityGroup sg = e.groupAt(g);
            if (onApis.contains(sg.key()) || e.referencedOnly(sg)) {
                continue;
            }
            Set<String> seen = new HashSet<>();
            for (int[] probe : e.probes(g)) {
                partnersOf(e, e.reach().groupPartners(sg, probe[0], probe[1]), sg.account(), partners, e.places.group(g),
                        "members of " + sg.key(), seen, out);
            }
        }
    }

    private static void partnersOf(Estate e, List<Reachability.Caller> reaches, String account, Map<String, Partner> partners,
                                   Resource target, String what, Set<String> seen, List<Finding> out) {
        for (Reachability.Caller r : reaches) {
            Partner p = r.kind().equals("partner") ? partners.get(r.subjects().get(0)) : null;
            if (p == null || p.account().equals(account) || !seen.add(p.id())) {
                continue;
            }
            int[] rule = e.ruleOf(r.rule()).orElseThrow();
            out.add(new Finding(Rules.CROSS_ACCOUNT_PARTNER.id(), Severity.MEDIUM, target, p.id(),
                    "partner " + p.id() + " of account " + p.account() + " reaches " + what,
                    List.of("partner " + p.id() + " (" + String.join(", ", p.cidrs()) + ") is a member of " + p.groups(),
                            "admitted by " + e.ruleEvidence(rule[0], rule[1])),
                    Rules.CROSS_ACCOUNT_PARTNER.remediation()));
        }
    }
}
