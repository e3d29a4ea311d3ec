package io.portcullis.runtime.diff;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.config.Account;
import io.portcullis.config.Api;
import io.portcullis.config.AwsApi;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.VpcEndpoint;
import io.portcullis.config.api.PolicySource;
import io.portcullis.engine.Reachability;
import io.portcullis.policy.ParseResult;
import io.portcullis.policy.PolicyDocument;
import io.portcullis.policy.PolicyParser;
import io.portcullis.runtime.reach.ApiAccess;
import io.portcullis.runtime.reach.Grant;
import io.portcullis.runtime.reach.PolicyClasses;
import io.portcullis.runtime.reach.WhoCanInvoke;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Computes a {@link PlanDiff}. Access: who can invoke each API ({@link WhoCanInvoke}: the engine's
 * {@link Reachability} for the network, the policy evaluator for AWS APIs' endpoint and resource policies, on the
 * classes both sides' policies distinguish) on each side at each of the {@link Instants}, flattened to atoms (one
 * caller, way in, principal class and resource) and compared by atom; the rule or statement that admitted an atom is
 * reported but is not part of it, so reordering rules or statements changes nothing. Cost: two who-can-invoke
 * computations per instant, each O(caller classes) per API.
 */
final class Differ {

    private Differ() {}

    /** What admitted one atom at each instant on each side ({@code null}: not admitted). */
    private static final class Sides {
        final Atom atom;
        final String[] before;
        final String[] after;

        Sides(Atom atom, int instants) {
            this.atom = atom;
            this.before = new String[instants];
            this.after = new String[instants];
        }
    }

    /** One caller through one way, as one principal class, to one resource, on one port. */
    private record Atom(String via, String sourceKind, String source, String account, List<String> groups, int port,
                        String principal, String resource) {
        String key() {
            return via + "\n" + sourceKind + "\n" + source + "\n" + port + "\n" + principal + "\n" + resource;
        }
    }

    static PlanDiff diff(PlanDiff.Side before, PlanDiff.Side after, Instant at) {
        PortcullisConfig was = before == null ? null : before.config();
        PortcullisConfig now = after.config();
        List<String> notes = new ArrayList<>();
        List<Instant> instants = Instants.of(was == null ? List.of(now) : List.of(was, now), at, notes);
        Map<String, List<PolicyDocument>> wasDocs = was == null ? Map.of() : awsDocuments(was);
        Map<String, List<PolicyDocument>> nowDocs = awsDocuments(now);
        Map<String, Map<String, Sides>> byApi = new LinkedHashMap<>();
        for (int i = 0; i < instants.size(); i++) {
            if (before != null) {
                collect(was, WhoCanInvoke.of(was, before.snapshot(), instants.get(i), nowDocs), byApi, i,
                        instants.size(), true);
            }
            collect(now, WhoCanInvoke.of(now, after.snapshot(), instants.get(i), wasDocs), byApi, i,
                    instants.size(), false);
        }
        JsonNode wasTree = before == null ? null : Settings.tree(before.digest());
        JsonNode nowTree = Settings.tree(after.digest());
        Set<String> estate = new HashSet<>();
        for (PortcullisConfig c : was == null ? List.of(now) : List.of(was, now)) {
            c.accounts().stream().map(Account::id).forEach(estate::add);
        }
        List<ApiDiff> out = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>();
        if (was != null) {
            was.apis().forEach(a -> keys.add("api/" + a.name()));
            was.awsApis().forEach(a -> keys.add("awsApi/" + a.id()));
        }
        now.apis().forEach(a -> keys.add("api/" + a.name()));
        now.awsApis().forEach(a -> keys.add("awsApi/" + a.id()));
        for (String key : keys) {
            String kind = key.substring(0, key.indexOf('/'));
            String id = key.substring(key.indexOf('/') + 1);
            boolean inWas = was != null && (kind.equals("api") ? api(was, id).isPresent() : awsApi(was, id).isPresent());
            boolean inNow = kind.equals("api") ? api(now, id).isPresent() : awsApi(now, id).isPresent();
            String presence = !inWas ? "added" : !inNow ? "removed" : "changed";
            Map<String, Sides> atoms = byApi.getOrDefault(key, Map.of());
            List<AccessChange> gained = changes(atoms, instants, false);
            List<AccessChange> lost = changes(atoms, instants, true);
            List<PolicyChange> policy = List.of();
            List<SettingChange> identity = List.of();
            List<SettingChange> limits = List.of();
            if (kind.equals("api")) {
                Settings.Leaves b = inWas ? Settings.of(Settings.api(wasTree, id)) : new Settings.Leaves(Map.of(), Map.of());
                Settings.Leaves a = inNow ? Settings.of(Settings.api(nowTree, id)) : new Settings.Leaves(Map.of(), Map.of());
                identity = Settings.changes(b.identity(), a.identity());
                limits = Settings.changes(b.limits(), a.limits());
                policy = policy(inWas ? api(was, id) : Optional.empty(), inNow ? api(now, id) : Optional.empty(), estate);
            }
            ApiDiff d = new ApiDiff(kind, id, presence, gained, lost, policy, identity, limits);
            if (!d.isEmpty()) {
                out.add(d);
            }
        }
        return new PlanDiff(at, instants, out, notes);
    }

    private static Optional<Api> api(PortcullisConfig c, String name) {
        return c.apis().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    private static Optional<AwsApi> awsApi(PortcullisConfig c, String id) {
        return c.awsApis().stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /** Each AWS API's resource policy and the execute-api endpoints' policies, parsed (the others are left out). */
    private static Map<String, List<PolicyDocument>> awsDocuments(PortcullisConfig c) {
        List<PolicyDocument> endpoints = new ArrayList<>();
        for (VpcEndpoint e : c.vpcEndpoints()) {
            e.policy().flatMap(Differ::parse).ifPresent(endpoints::add);
        }
        Map<String, List<PolicyDocument>> out = new HashMap<>();
        for (AwsApi a : c.awsApis()) {
            List<PolicyDocument> docs = new ArrayList<>(endpoints);
            a.resourcePolicy().flatMap(Differ::parse).ifPresent(docs::add);
            out.put(a.id(), docs);
        }
        return out;
    }

    private static Optional<PolicyDocument> parse(PolicySource p) {
        return PolicyParser.parse(p.json()) instanceof ParseResult.Valid v ? Optional.of(v.document()) : Optional.empty();
    }

    private static void collect(PortcullisConfig config, WhoCanInvoke who, Map<String, Map<String, Sides>> byApi, int i,
                                int instants, boolean before) {
        Map<String, Integer> ports = new HashMap<>();
        config.apis().forEach(a -> ports.put(a.name(), a.listenPort()));
        for (ApiAccess a : who.apis()) {
            boolean portcullis = a.kind() == ApiAccess.Kind.PORTCULLIS;
            Map<String, Sides> atoms = byApi.computeIfAbsent((portcullis ? "api/" : "awsApi/") + a.id(), k -> new HashMap<>());
            int port = portcullis ? ports.get(a.id()) : 443;
            for (ApiAccess.Entry e : a.entries()) {
                String via = switch (e.way().kind()) {
                    case PORTCULLIS -> "";
                    case ENDPOINT -> e.way().endpoint();
                    case OUTSIDE_ENDPOINT -> "any endpoint outside the estate";
                    case INTERNET -> "internet";
                };
                Grant g = e.grant();
                String principal = g == null ? "" : g.principal().label()
                        + (g.sourceRange().isEmpty() ? "" : " from " + g.sourceRange())
                        + (g.identityPolicy() == Grant.IdentityPolicy.NOT_USED ? ""
                        : g.identityPolicy() == Grant.IdentityPolicy.MAY_ALLOW ? " (if its identity policy allows)"
                        : " (and its identity policy allows)");
                String statements = g == null ? "" : join(g.endpointStatement(), g.resourceStatement());
                List<String> resources = g == null ? List.of("") : g.resources();
                Reachability.Reached c = e.caller();
                String rule = c == null ? "" : c.rule().decidedBy();
                String by = join(rule, statements);
                for (String resource : resources) {
                    if (c == null) {
                        put(atoms, new Atom(via, "anyone", "*", "", List.of(), port, principal, resource), by, i, instants, before);
                        continue;
                    }
                    switch (c.kind()) {
                        case WORKLOADS -> c.workloads().forEach(w -> put(atoms, new Atom(via, "workload", w, c.account(),
                                c.groups(), port, principal, resource), by, i, instants, before));
                        case PARTNER -> put(atoms, new Atom(via, "partner", c.subject(), c.account(), c.groups(), port,
                                principal, resource), by, i, instants, before);
                        case CIDR -> put(atoms, new Atom(via, "cidr", c.subject(), "", List.of(), port, principal, resource),
                                by, i, instants, before);
                    }
                }
            }
        }
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
    }

    private static void put(Map<String, Sides> atoms, Atom atom, String by, int i, int instants, boolean before) {
        Sides s = atoms.computeIfAbsent(atom.key(), k -> new Sides(atom, instants));
        String[] side = before ? s.before : s.after;
        if (side[i] == null) { // the first admitting entry names the rule, as the engine's first match does
            side[i] = by;
        }
    }

    /**
     * The atoms admitted on one side and not the other at some instant ({@code lost}: admitted before, not after),
     * grouped by everything but the caller's id, sorted.
     */
    private static List<AccessChange> changes(Map<String, Sides> atoms, List<Instant> instants, boolean lost) {
        Map<String, List<String>> sources = new TreeMap<>();
        Map<String, AccessChange> first = new HashMap<>();
        for (Sides s : atoms.values()) {
            String[] had = lost ? s.after : s.before;
            String[] has = lost ? s.before : s.after;
            boolean[] changed = new boolean[instants.size()];
            int firstChanged = -1;
            for (int i = 0; i < changed.length; i++) {
                changed[i] = has[i] != null && had[i] == null;
                if (changed[i] && firstChanged < 0) {
                    firstChanged = i;
                }
            }
            if (firstChanged < 0) {
                continue;
            }
            Atom a = s.atom;
            String window = window(changed, instants);
            String was = lost ? s.before[firstChanged] : "not admitted";
            String is = lost ? "not admitted" : s.after[firstChanged];
            AccessChange c = new AccessChange(a.via(), a.sourceKind(), List.of(), a.account(), a.groups(), a.port(),
                    a.principal(), a.resource(), window, was, is);
            String group = String.join("\n", a.via(), a.principal(), a.resource(), a.sourceKind(), a.account(),
                    a.groups().toString(), Integer.toString(a.port()), window, was, is);
            sources.computeIfAbsent(group, k -> new ArrayList<>()).add(a.source());
            first.putIfAbsent(group, c);
        }
        List<AccessChange> out = new ArrayList<>();
        sources.forEach((group, ids) -> {
            AccessChange c = first.get(group);
            out.add(new AccessChange(c.via(), c.sourceKind(), ids.stream().sorted().toList(), c.account(), c.groups(),
                    c.port(), c.principal(), c.resource(), c.window(), c.before(), c.after()));
        });
        return out;
    }

    /** {@code always}, or the periods in which {@code changed} holds: {@code from T until T'}, the last open-ended. */
    static String window(boolean[] changed, List<Instant> instants) {
        boolean all = true;
        for (boolean c : changed) {
            all &= c;
        }
        if (all) {
            return "always";
        }
        List<String> periods = new ArrayList<>();
        for (int i = 0; i < changed.length; i++) {
            if (!changed[i]) {
                continue;
            }
            int j = i;
            while (j + 1 < changed.length && changed[j + 1]) {
                j++;
            }
            periods.add("from " + instants.get(i) + (j + 1 < changed.length ? " until " + instants.get(j + 1) : " on"));
            i = j;
        }
        return String.join(", ", periods);
    }

    /** The request classes whose resource-policy verdict differs, on the classes both versions distinguish. */
    private static List<PolicyChange> policy(Optional<Api> was, Optional<Api> now, Set<String> estate) {
        if (was.isEmpty() || now.isEmpty()) {
            return List.of();
        }
        Optional<PolicySource> b = was.get().serving().resourcePolicy();
        Optional<PolicySource> a = now.get().serving().resourcePolicy();
        if (b.map(PolicySource::json).equals(a.map(PolicySource::json))) {
            return List.of();
        }
        List<PolicyDocument> docs = new ArrayList<>();
        b.flatMap(Differ::parse).ifPresent(docs::add);
        a.flatMap(Differ::parse).ifPresent(docs::add);
        Map<String, PolicyClasses.Verdict> before = PolicyClasses.of(was.get(), b, docs, estate).stream()
                .collect(Collectors.toMap(PolicyClasses.Verdict::key, v -> v, (x, y) -> x, LinkedHashMap::new));
        List<PolicyChange> out = new ArrayList<>();
        for (PolicyClasses.Verdict v : PolicyClasses.of(now.get(), a, docs, estate)) {
            PolicyClasses.Verdict old = before.get(v.key());
            if (old != null && old.allowed() != v.allowed()) {
                out.add(new PolicyChange(v.key(), v.principal(), v.allowed(), old.statement(), v.statement()));
            }
        }
        return out;
    }
}
