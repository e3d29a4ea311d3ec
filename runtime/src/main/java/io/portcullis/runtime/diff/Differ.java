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
 * classes both sides' policies distinguish) on each side at each of the {@link Instants}, kept per way in as the
 * product of its callers and grants ({@link Ways}). A way's gained pairs are its new callers with every grant, plus,
 * when its grants differ, its kept callers with the new grants (and the same for lost), so only what differs is
 * expanded; caller maps shared by every API behind one endpoint are compared once per instant. The rule or statement
 * that admitted a pair is reported but is not part of it, so reordering rules or statements changes nothing. Cost:
 * two who-can-invoke computations per instant plus a linear pass over each distinct caller list.
 */
final class Differ {

    private Differ() {}

    /** One (caller, grant) through one way: when it was gained or lost, and what decided on each side then. */
    private static final class Pair {
        final String via;
        final int port;
        final Ways.Caller caller;
        final Ways.GrantAtom grant;
        final String[] gainedBy;
        final String[] lostBy;

        Pair(String via, int port, Ways.Caller caller, Ways.GrantAtom grant, int instants) {
            this.via = via;
            this.port = port;
            this.caller = caller;
            this.grant = grant;
            this.gainedBy = new String[instants];
            this.lostBy = new String[instants];
        }
    }

    /** Two objects by identity: the caller maps of one endpoint's network, shared by every API behind it. */
    private record Same(Object a, Object b) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Same s && s.a == a && s.b == b;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(a) * 31 + System.identityHashCode(b);
        }
    }

    private static final Ways.View NONE = new Ways.View(Map.of(), Map.of(), 0);

    static PlanDiff diff(PlanDiff.Side before, PlanDiff.Side after, Instant at) {
        PortcullisConfig was = before == null ? null : before.config();
        PortcullisConfig now = after.config();
        List<String> notes = new ArrayList<>();
        List<Instant> instants = Instants.of(was == null ? List.of(now) : List.of(was, now), at, notes);
        Map<String, List<PolicyDocument>> wasDocs = was == null ? Map.of() : awsDocuments(was);
        Map<String, List<PolicyDocument>> nowDocs = awsDocuments(now);
        Map<String, Map<String, Pair>> byApi = new LinkedHashMap<>();
        Map<Same, List<String>> minus = new HashMap<>();
        for (int i = 0; i < instants.size(); i++) {
            Map<String, Map<String, Ways.View>> old = before == null ? Map.of()
                    : Ways.of(was, WhoCanInvoke.of(was, before.snapshot(), instants.get(i), nowDocs));
            Map<String, Map<String, Ways.View>> neu = Ways.of(now, WhoCanInvoke.of(now, after.snapshot(), instants.get(i), wasDocs));
            Set<String> apis = new TreeSet<>(old.keySet());
            apis.addAll(neu.keySet());
            for (String api : apis) {
                Map<String, Ways.View> o = old.getOrDefault(api, Map.of());
                Map<String, Ways.View> n = neu.getOrDefault(api, Map.of());
                Set<String> ways = new TreeSet<>(o.keySet());
                ways.addAll(n.keySet());
                Map<String, Pair> pairs = byApi.computeIfAbsent(api, k -> new HashMap<>());
                for (String via : ways) {
                    Ways.View b = o.getOrDefault(via, NONE);
                    Ways.View a = n.getOrDefault(via, NONE);
                    compare(pairs, via, b, a, i, instants.size(), true, minus);
                    compare(pairs, via, a, b, i, instants.size(), false, minus);
                }
            }
            minus.clear();
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
            Map<String, Pair> pairs = byApi.getOrDefault(key, Map.of());
            List<AccessChange> gained = changes(pairs, instants, false);
            List<AccessChange> lost = changes(pairs, instants, true);
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
        boolean timed = out.stream().flatMap(d -> java.util.stream.Stream.concat(d.gained().stream(), d.lost().stream()))
                .anyMatch(c -> !c.window().equals("always"));
        if (timed && Instants.scheduled(was == null ? List.of(now) : List.of(was, now))) {
            notes.add("time: scheduled rules evaluated over the week from " + at + " (to " + at.plus(Instants.HORIZON)
                    + "); their periods repeat weekly");
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

    /**
     * Records what {@code has} admits and {@code had} did not at instant {@code i} (gained when {@code gained}, else
     * lost, with the sides swapped): callers new to the way with every grant, and, when the grants differ, the callers
     * of both with the new grants. Caller lists shared between APIs (one endpoint's network) are compared once.
     */
    private static void compare(Map<String, Pair> pairs, String via, Ways.View had, Ways.View has, int i, int instants,
                                boolean gained, Map<Same, List<String>> minus) {
        if (has.callers().isEmpty() || has.grants().isEmpty()) {
            return;
        }
        List<String> newCallers = minus.computeIfAbsent(new Same(has.callers(), had.callers()),
                k -> Ways.minus(has.callers(), had.callers()));
        List<String> newGrants = Ways.minus(has.grants(), had.grants());
        for (String c : newCallers) {
            for (Ways.GrantAtom g : has.grants().values()) {
                mark(pairs, via, has, has.callers().get(c), g, i, instants, gained);
            }
        }
        if (!newGrants.isEmpty()) {
            for (Map.Entry<String, Ways.Caller> c : has.callers().entrySet()) {
                if (had.callers().containsKey(c.getKey())) {
                    for (String g : newGrants) {
                        mark(pairs, via, has, c.getValue(), has.grants().get(g), i, instants, gained);
                    }
                }
            }
        }
    }

    private static void mark(Map<String, Pair> pairs, String via, Ways.View view, Ways.Caller c, Ways.GrantAtom g, int i,
                             int instants, boolean gained) {
        Pair p = pairs.computeIfAbsent(via + "\n" + c.kind() + " " + c.id() + "\n" + g.key(),
                k -> new Pair(via, view.port(), c, g, instants));
        String by = c.by().isEmpty() ? g.by() : g.by().isEmpty() ? c.by() : c.by() + "; " + g.by();
        (gained ? p.gainedBy : p.lostBy)[i] = by;
    }

    /**
     * The pairs gained (or lost) at some instant, grouped by everything but the caller's id, sorted; each names what
     * decided on the side that admits, at the first instant of the change.
     */
    private static List<AccessChange> changes(Map<String, Pair> pairs, List<Instant> instants, boolean lost) {
        Map<String, List<String>> sources = new TreeMap<>();
        Map<String, AccessChange> first = new HashMap<>();
        for (Pair p : pairs.values()) {
            String[] by = lost ? p.lostBy : p.gainedBy;
            boolean[] changed = new boolean[instants.size()];
            int firstChanged = -1;
            for (int i = 0; i < changed.length; i++) {
                changed[i] = by[i] != null;
                if (changed[i] && firstChanged < 0) {
                    firstChanged = i;
                }
            }
            if (firstChanged < 0) {
                continue;
            }
            String window = window(changed, instants);
            String was = lost ? by[firstChanged] : "not admitted";
            String is = lost ? "not admitted" : by[firstChanged];
            Ways.Caller c = p.caller;
            String group = String.join("\n", p.via, p.grant.principal(), p.grant.resource(), c.kind(), c.account(),
                    c.groups().toString(), Integer.toString(p.port), window, was, is);
            sources.computeIfAbsent(group, k -> new ArrayList<>()).add(c.id());
            first.putIfAbsent(group, new AccessChange(p.via, c.kind(), List.of(), c.account(), c.groups(), p.port,
                    p.grant.principal(), p.grant.resource(), window, was, is));
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
