package io.portcullis.analysis.findings;

import io.portcullis.config.Api;
import io.portcullis.config.Partner;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.Workload;
import io.portcullis.engine.Explanation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * PC-SEG-001: a source of one tier or tenant reaching a target of another. For each boundary key, a subject's
 * value is its own tag (an API's or group's {@code tags}, a workload's or partner's {@code labels}), else its
 * account's. Targets are APIs and groups with a value; sources are the workloads and partners the engine admits to
 * them, and the groups with a value whose members the engine admits ({@code check group:...}). A pair in
 * {@code boundaries.allow} is intended and not reported.
 */
final class Boundaries implements Check {

    @Override
    public void run(Estate e, List<Finding> out) {
        if (e.settings.boundaryKeys().isEmpty()) {
            return;
        }
        Map<String, Workload> workloads = e.config.workloads().stream().collect(Collectors.toMap(Workload::id, Function.identity()));
        Map<String, Partner> partners = e.config.partners().stream().collect(Collectors.toMap(Partner::id, Function.identity()));
        for (String key : e.settings.boundaryKeys()) {
            for (int i = 0; i < e.config.apis().size(); i++) {
                Api api = e.config.apis().get(i);
                String value = value(e, api.tags(), api.account(), key);
                if (value != null) {
                    Target t = new Target(e.places.api(i), "API " + api.name(), api.name(), key, value, new HashSet<>());
                    callers(e, t, e.reach().api(api), workloads, partners, out);
                    groups(e, t, List.of(new int[] {6, api.listenPort()}), -1, out);
                }
            }
            for (int g = 0; g < e.config.securityGroups().size(); g++) {
                SecurityGroup sg = e.groupAt(g);
                String value = e.referencedOnly(sg) ? null : value(e, sg.tags(), sg.account(), key);
                if (value != null) {
                    Target t = new Target(e.places.group(g), "members of " + sg.key(), Reachability.probe(sg), key, value, new HashSet<>());
                    List<int[]> probes = e.probes(g);
                    for (int[] p : probes) {
                        callers(e, t, e.reach().group(sg, p[0], p[1]), workloads, partners, out);
                    }
                    groups(e, t, probes, g, out);
                }
            }
        }
    }

    /** A target with its boundary value; {@code seen} holds the sources already reported against it. */
    private record Target(Resource resource, String what, String engineName, String key, String value, Set<String> seen) {}

    private static void callers(Estate e, Target t, List<Reachability.Caller> reaches, Map<String, Workload> workloads,
                                Map<String, Partner> partners, List<Finding> out) {
        for (Reachability.Caller r : reaches) {
            if (r.kind().equals("cidr")) {
                continue;
            }
            for (String subject : r.subjects()) {
                String value;
                if (r.kind().equals("workload")) {
                    Workload w = workloads.get(subject);
                    value = w == null ? null : value(e, w.labels(), w.account(), t.key);
                } else {
                    Partner p = partners.get(subject);
                    value = p == null ? null : value(e, p.labels(), p.account(), t.key);
                }
                if (value != null && crosses(e, t, value) && t.seen.add(r.kind() + " " + subject)) {
                    int[] rule = e.ruleOf(r.rule()).orElseThrow();
                    report(e, t, r.kind() + " " + subject, value, List.of(r.kind() + " " + subject + " has " + t.key + ": " + value,
                            "admitted by " + e.ruleEvidence(rule[0], rule[1])), out);
                }
            }
        }
    }

    private static void groups(Estate e, Target t, List<int[]> probes, int self, List<Finding> out) {
        for (int g = 0; g < e.config.securityGroups().size(); g++) {
            SecurityGroup sg = e.groupAt(g);
            String value = g == self || e.referencedOnly(sg) ? null : value(e, sg.tags(), sg.account(), t.key);
            if (value == null || !crosses(e, t, value) || t.seen.contains("group " + sg.key())) {
                continue;
            }
            for (int[] p : probes) {
                Explanation x = e.reach().groupReaches(sg, t.engineName, p[0], p[1]);
                if (x.decision().allowed() && t.seen.add("group " + sg.key())) {
                    List<String> evidence = new ArrayList<>();
                    evidence.add(sg.key() + " has " + t.key + ": " + value + ", at " + e.places.where("securityGroups[" + g + "]"));
                    evidence.add("engine: " + String.join(" → ", x.path()));
                    report(e, t, "group " + sg.key(), value, evidence, out);
                    break;
                }
            }
        }
    }

    private static boolean crosses(Estate e, Target t, String sourceValue) {
        return !sourceValue.equals(t.value) && !e.settings.allowed(t.key, sourceValue, t.value);
    }

    private static void report(Estate e, Target t, String source, String value, List<String> evidence, List<Finding> out) {
        List<String> all = new ArrayList<>(evidence);
        all.add(0, t.what + " has " + t.key + ": " + t.value + ", at " + t.resource.where());
        out.add(new Finding(Rules.BOUNDARY_CROSSING.id(), Severity.HIGH, t.resource, t.key + " " + source,
                source + " (" + t.key + ": " + value + ") reaches " + t.what + " (" + t.key + ": " + t.value + ")",
                all, Rules.BOUNDARY_CROSSING.remediation()));
    }

    /** The subject's own value of {@code key}, else its account's; null when neither says. */
    static String value(Estate e, Map<String, String> own, String account, String key) {
        return e.boundaryTags.value(own, account, key);
    }
}
