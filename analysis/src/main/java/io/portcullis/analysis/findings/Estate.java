package io.portcullis.analysis.findings;

import io.portcullis.config.BoundaryTags;
import io.portcullis.config.GroupRef;
import io.portcullis.config.IngressRule;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.SourceMap;
import io.portcullis.runtime.plan.Beside;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * What every check reads: the configuration, where each element was written, the engine's answers, the settings
 * and the time of the analysis; and indexes over the configuration (groups by key, rules by the label the engine
 * gives them).
 */
final class Estate {

    /** The tag the importer puts on a group it found only as a reference (deleted, or of an account not imported). */
    static final String IMPORTED_TAG = "portcullis:imported";
    static final String REFERENCED_ONLY = "referenced-only";

    final PortcullisConfig config;
    final Places places;
    private final Future<Reachability> reach;
    final AnalysisSettings settings;
    final Instant now;
    private final Map<String, Integer> groups = new HashMap<>();
    final BoundaryTags boundaryTags;
    private Map<GroupRef, List<String>> carriers;

    /**
     * The engine's snapshot of the probes is compiled on {@code pool} (the checks that need no reachability start
     * beside it); {@link #reach} waits for it.
     */
    Estate(PortcullisConfig config, SourceMap sources, ImportSources imported, AnalysisSettings settings, Instant now,
           ExecutorService pool) {
        this.config = config;
        this.places = new Places(config, sources, imported);
        this.settings = settings;
        this.now = now;
        for (int i = 0; i < config.securityGroups().size(); i++) {
            groups.put(config.securityGroups().get(i).key(), i);
        }
        this.boundaryTags = new BoundaryTags(config);
        this.reach = pool.submit(() -> new Reachability(config, now));
    }

    /** The engine's answers (compiled once, beside the first checks). */
    Reachability reach() {
        return Beside.result(reach);
    }

    int group(GroupRef ref) {
        Integer g = groups.get(ref.key());
        if (g == null) {
            throw new IllegalStateException("group " + ref + " is not declared (expected: a validated configuration)");
        }
        return g;
    }

    SecurityGroup groupAt(int g) {
        return config.securityGroups().get(g);
    }

    /**
     * Who carries the group, in configuration order: {@code workload ID}s, then {@code partner}s, {@code endpoint}s
     * and {@code API}s. Indexed once on first use (a finding per group would otherwise scan every workload), by
     * whichever check asks first.
     */
    synchronized List<String> carriers(GroupRef ref) {
        if (carriers == null) {
            Map<GroupRef, List<String>> index = new HashMap<>();
            config.workloads().forEach(w -> carry(index, w.groups(), "workload " + w.id()));
            config.partners().forEach(p -> carry(index, p.groups(), "partner " + p.id()));
            config.vpcEndpoints().forEach(v -> carry(index, v.securityGroups(), "endpoint " + v.id()));
            config.apis().forEach(a -> carry(index, a.securityGroups(), "API " + a.name()));
            carriers = index;
        }
        return carriers.getOrDefault(ref, List.of());
    }

    private static void carry(Map<GroupRef, List<String>> index, List<GroupRef> groups, String who) {
        for (int i = 0; i < groups.size(); i++) {
            if (groups.indexOf(groups.get(i)) == i) { // a group listed twice carries its carrier once
                index.computeIfAbsent(groups.get(i), k -> new ArrayList<>()).add(who);
            }
        }
    }

    /**
     * A placeholder the importer declared for a group referenced but not exported: tagged so, and as the importer
     * writes one, with no rules and no workload carrying it (an endpoint may name it). A group tagged so that has
     * rules or members is a real group whose tag says otherwise (anyone who may tag a resource in AWS can write a
     * tag; the importer drops this one, a hand-written configuration may not), and is analysed like any other.
     */
    boolean referencedOnly(SecurityGroup g) {
        return REFERENCED_ONLY.equals(g.tags().get(IMPORTED_TAG)) && g.ingress().isEmpty()
                && carriers(g.ref()).stream().noneMatch(c -> c.startsWith("workload "));
    }

    /** An ingress rule at its group's and its own index. */
    interface RuleVisitor {
        void visit(int group, int rule, IngressRule r);
    }

    /** Visits every ingress rule of the groups the estate holds (not the import's referenced-only placeholders). */
    void ownRules(RuleVisitor each) {
        for (int g = 0; g < config.securityGroups().size(); g++) {
            SecurityGroup sg = groupAt(g);
            if (referencedOnly(sg)) {
                continue;
            }
            for (int r = 0; r < sg.ingress().size(); r++) {
                each.visit(g, r, sg.ingress().get(r));
            }
        }
    }

    Map<String, String> accountTags(String account) {
        return boundaryTags.ofAccount(account);
    }

    /**
     * The group's rule an engine label names ({@code 111111111111/sg-x ingress[2]}, perhaps followed by
     * {@code (inherited by ...)}): {group, rule}, or empty.
     */
    Optional<int[]> ruleOf(String label) {
        int cut = label.indexOf(" (inherited by ");
        String l = cut < 0 ? label : label.substring(0, cut);
        int sp = l.lastIndexOf(" ingress[");
        if (sp < 0 || !l.endsWith("]")) {
            return Optional.empty();
        }
        Integer g = groups.get(l.substring(0, sp));
        if (g == null) {
            return Optional.empty();
        }
        int r = Integer.parseInt(l.substring(sp + " ingress[".length(), l.length() - 1));
        return r < groupAt(g).ingress().size() ? Optional.of(new int[] {g, r}) : Optional.empty();
    }

    IngressRule rule(int[] gr) {
        return groupAt(gr[0]).ingress().get(gr[1]);
    }

    /** The rule as evidence: {@code KEY ingress[i] tcp/22 from 0.0.0.0/0 (description), at FILE:LINE:COLUMN: NAMED}. */
    String ruleEvidence(int g, int r) {
        IngressRule rule = groupAt(g).ingress().get(r);
        return groupAt(g).key() + " ingress[" + r + "] " + rule.protocolAndPorts() + " from " + rule.from()
                + (rule.description().isEmpty() ? "" : " (" + rule.description() + ")")
                + ", at " + places.where("securityGroups[" + g + "].ingress[" + r + "]");
    }

    /** The group and every group it extends, transitively, the group first: the rules it applies are theirs. */
    List<Integer> withExtended(int g) {
        Set<Integer> out = new LinkedHashSet<>();
        ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(g));
        while (!todo.isEmpty()) {
            int x = todo.poll();
            if (out.add(x)) {
                groupAt(x).extendsGroups().forEach(ref -> todo.add(group(ref)));
            }
        }
        return new ArrayList<>(out);
    }

    /** The (protocol, port) probes that reach every rule the group applies: each rule's first port. */
    List<int[]> probes(int g) {
        Set<List<Integer>> seen = new LinkedHashSet<>();
        for (int x : withExtended(g)) {
            for (IngressRule r : groupAt(x).ingress()) {
                int proto = r.protocol().number() == -1 ? 6 : r.protocol().number();
                seen.add(List.of(proto, r.protocol().hasPorts() ? r.ports().from() : 0));
            }
        }
        return seen.stream().map(l -> new int[] {l.get(0), l.get(1)}).toList();
    }
}
