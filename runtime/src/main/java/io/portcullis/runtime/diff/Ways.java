package io.portcullis.runtime.diff;

import io.portcullis.config.PortcullisConfig;
import io.portcullis.engine.Reachability;
import io.portcullis.runtime.reach.ApiAccess;
import io.portcullis.runtime.reach.Grant;
import io.portcullis.runtime.reach.Way;
import io.portcullis.runtime.reach.WhoCanInvoke;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who can invoke each API at one instant, kept as WhoCanInvoke gives it: per API and way in, the callers the network
 * admits and the grants the policies make, a product ({@link Way}) rather than every (caller, grant) pair, so that the
 * two sides are compared list by list and only what differs is expanded.
 */
final class Ways {

    /** One caller: {@code kind} workload, partner, cidr or anyone; its id; and the rule that admitted it. */
    record Caller(String kind, String id, String account, List<String> groups, String by) {}

    /** One principal class and resource the policies admit, with the statements that decided. */
    record GrantAtom(String principal, String resource, String by) {
        String key() {
            return principal + "\n" + resource;
        }
    }

    /** One way in: its callers by {@code kind + " " + id}, its grants by key, and the port. */
    record View(Map<String, Caller> callers, Map<String, GrantAtom> grants, int port) {}

    static final GrantAtom NO_POLICY = new GrantAtom("", "", "");
    static final Caller ANYONE = new Caller("anyone", "*", "", List.of(), "");

    private Ways() {}

    /** {@code api/NAME} or {@code awsApi/ID} → way key → view. Caller maps are shared between ways with one network. */
    static Map<String, Map<String, View>> of(PortcullisConfig config, WhoCanInvoke who) {
        Map<String, Integer> ports = new HashMap<>();
        config.apis().forEach(a -> ports.put(a.name(), a.listenPort()));
        Map<List<Reachability.Reached>, Map<String, Caller>> shared = new IdentityHashMap<>();
        Map<String, Map<String, View>> out = new LinkedHashMap<>();
        for (ApiAccess a : who.apis()) {
            boolean portcullis = a.kind() == ApiAccess.Kind.PORTCULLIS;
            Map<String, View> ways = out.computeIfAbsent((portcullis ? "api/" : "awsApi/") + a.id(), k -> new LinkedHashMap<>());
            int port = portcullis ? ports.get(a.id()) : 443;
            for (Way w : a.open()) {
                String via = switch (w.kind()) {
                    case PORTCULLIS -> "";
                    case ENDPOINT -> w.endpoint();
                    case OUTSIDE_ENDPOINT -> "any endpoint outside the estate";
                    case INTERNET -> "internet";
                };
                boolean anyone = w.kind() == Way.Kind.OUTSIDE_ENDPOINT || w.kind() == Way.Kind.INTERNET;
                Map<String, Caller> callers = anyone ? Map.of(ANYONE.kind() + " " + ANYONE.id(), ANYONE)
                        : shared.computeIfAbsent(w.callers(), Ways::callers);
                Map<String, GrantAtom> grants = new LinkedHashMap<>();
                if (portcullis) {
                    grants.put(NO_POLICY.key(), NO_POLICY);
                }
                for (Grant g : w.grants()) {
                    String principal = g.principal().label() + (g.sourceRange().isEmpty() ? "" : " from " + g.sourceRange())
                            + (g.identityPolicy() == Grant.IdentityPolicy.NOT_USED ? ""
                            : g.identityPolicy() == Grant.IdentityPolicy.MAY_ALLOW ? " (if its identity policy allows)"
                            : " (and its identity policy allows)");
                    String by = g.endpointStatement().isEmpty() ? g.resourceStatement()
                            : g.resourceStatement().isEmpty() ? g.endpointStatement() : g.endpointStatement() + "; " + g.resourceStatement();
                    for (String resource : g.resources()) {
                        GrantAtom atom = new GrantAtom(principal, resource, by);
                        grants.putIfAbsent(atom.key(), atom);
                    }
                }
                // A way split by address class (aws:VpcSourceIp) appears once per class: merged under one key.
                View was = ways.get(via);
                if (was == null) {
                    ways.put(via, new View(callers, grants, port));
                } else {
                    Map<String, Caller> c = new LinkedHashMap<>(was.callers());
                    callers.forEach(c::putIfAbsent);
                    Map<String, GrantAtom> g = new LinkedHashMap<>(was.grants());
                    grants.forEach(g::putIfAbsent);
                    ways.put(via, new View(c, g, port));
                }
            }
        }
        return out;
    }

    private static Map<String, Caller> callers(List<Reachability.Reached> reached) {
        Map<String, Caller> out = new LinkedHashMap<>();
        for (Reachability.Reached c : reached) {
            String by = c.rule().decidedBy();
            switch (c.kind()) {
                case WORKLOADS -> c.workloads().forEach(w -> out.putIfAbsent("workload " + w,
                        new Caller("workload", w, c.account(), c.groups(), by)));
                case PARTNER -> out.putIfAbsent("partner " + c.subject(), new Caller("partner", c.subject(), c.account(), c.groups(), by));
                case CIDR -> out.putIfAbsent("cidr " + c.subject(), new Caller("cidr", c.subject(), "", List.of(), by));
            }
        }
        return out;
    }

    /** The keys of {@code a} not in {@code b}. */
    static <V> List<String> minus(Map<String, V> a, Map<String, V> b) {
        if (a == b) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String k : a.keySet()) {
            if (!b.containsKey(k)) {
                out.add(k);
            }
        }
        return out;
    }
}
