package io.portcullis.engine;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.portcullis.config.GroupRef;
import io.portcullis.config.Peer;
import io.portcullis.config.PrefixList;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.Workload;
import io.portcullis.decision.Decision;
import io.portcullis.engine.internal.Addr;
import io.portcullis.engine.internal.CompiledRule;
import io.portcullis.engine.internal.Model;
import io.portcullis.engine.internal.PartnerIndex;
import io.portcullis.engine.internal.WorkloadEntry;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Explains decisions for people: {@link #check} and {@link #whoCanReach}. The verdict always comes from the same
 * code the data plane runs; this class only adds the path and the near misses, on the cold path.
 */
public final class Explainer {

    private final Snapshot snapshot;
    private final Model model;
    /** Indexes over the snapshot's groups for {@link #check} on a group, built on first use (analyses ask many). */
    private volatile Map<String, List<SecurityGroup>> groupsById;
    private volatile Map<String, List<String>> includedBy;

    public Explainer(Snapshot snapshot) {
        this.snapshot = snapshot;
        this.model = snapshot.model();
    }

    /** Explains whether {@code source} may reach {@code api}; {@code port} null means the API's listen port. */
    public Explanation check(SourceSpec source, String api, int protocol, Integer port, Instant at) {
        ApiRef ref = api(api);
        int p = port == null ? ref.port() : port;
        long now = at.toEpochMilli();
        Resolved r = resolve(source, ref, protocol, p, now);
        List<String> path = new ArrayList<>();
        List<Explanation.NearMiss> misses = new ArrayList<>();
        if (r.decision.allowed()) {
            CompiledRule rule = ref.index.rules().stream().filter(x -> x.allow() == r.decision).findFirst().orElseThrow();
            path.add(r.label);
            path.addAll(via(rule.source().from(), r));
            path.add(rule.allow().decidedBy() + " " + rule.allow().detail());
        } else {
            nearMisses(ref, r, protocol, p, now, misses);
        }
        return new Explanation(r.decision, api, protocol, p, r.description, path, misses);
    }

    /**
     * Every workload, partner and CIDR admitted to {@code api} at {@code at}, with the rule admitting each; then
     * those a scheduled rule admits at other times ({@link Reach#now} false), so a rule outside its window is
     * listed rather than silently left out.
     */
    public List<Reach> whoCanReach(String api, int protocol, Integer port, Instant at) {
        ApiRef ref = api(api);
        int p = port == null ? ref.port() : port;
        long now = at.toEpochMilli();
        List<Reach> out = new ArrayList<>();
        List<Reach> later = new ArrayList<>();
        // The rules that would admit now but for their schedule, in rule order: a denied workload is listed as
        // admitted later by the first of them its groups or address match (what check's near misses would say),
        // without a check per workload.
        List<CompiledRule> waiting = ref.index.rules().stream().filter(r -> r.schedule() != null && !ref.index.stale().contains(r)
                && r.matchesTraffic(protocol, p) && now < r.expiresAtMillis() && !r.schedule().activeAt(now)).toList();
        for (Workload w : model.config().workloads()) {
            java.net.InetAddress address = new IPAddressString(w.addresses().get(0)).getAddress().toInetAddress();
            Decision d = snapshot.decideInVpc(ref, w.vpc(), address, protocol, p, now);
            if (d.allowed()) {
                out.add(new Reach("workload", w.id(), d.decidedBy(), d.detail(), true));
            } else if (!waiting.isEmpty()) {
                WorkloadEntry e = snapshot.workloadAt(w.vpc(), address);
                Resolved r = resolved(d, e == null ? null : workload(e, w.groups()), new IPAddressString(w.addresses().get(0)).getAddress(),
                        "", "");
                waiting.stream().filter(rule -> peerMatches(rule.source().from(), r)).findFirst()
                        .ifPresent(rule -> later.add(new Reach("workload", w.id(), rule.allow().decidedBy(), "in force only "
                                + rule.schedule().source() + ", not now", false)));
            }
        }
        for (PartnerIndex.Entry partner : snapshot.partners().all()) {
            CompiledRule r = ref.index.findForGroups(partner.effectiveGroups(), protocol, p, now);
            if (r != null) {
                out.add(new Reach("partner", partner.id(), r.allow().decidedBy(), r.allow().detail(), true));
            }
        }
        for (CompiledRule r : ref.index.rules()) {
            if (r.matchesTraffic(protocol, p) && r.inForceAt(now)) {
                for (String cidr : cidrsOf(r.source().from())) {
                    out.add(new Reach("cidr", cidr, r.allow().decidedBy(), r.allow().detail(), true));
                }
            } else if (r.matchesTraffic(protocol, p) && r.schedule() != null && !r.schedule().activeAt(now)
                    && now < r.expiresAtMillis()) {
                for (String cidr : cidrsOf(r.source().from())) {
                    later.add(new Reach("cidr", cidr, r.allow().decidedBy(), r.allow().detail() + "; in force only "
                            + r.schedule().source() + ", not now", false));
                }
            }
        }
        out.addAll(later);
        return out;
    }

    /**
     * One subject admitted: {@code kind} is {@code workload}, {@code partner} (by its groups) or {@code cidr};
     * {@code now} false when only a scheduled rule admits it, outside its window at the time asked.
     */
    public record Reach(String kind, String subject, String rule, String detail, boolean now) {}

    private ApiRef api(String name) {
        return snapshot.api(name).orElseThrow(() -> new IllegalArgumentException("unknown API '" + name + "' (expected one of: "
                + model.config().apis().stream().map(a -> a.name()).sorted().collect(Collectors.joining(", ")) + ")"));
    }

    /** A resolved source: its effective groups, address (null for a group), and the decision. */
    private record Resolved(Decision decision, Set<Integer> groups, List<GroupRef> direct, IPAddress address,
                            String label, String description) {}

    private Resolved resolve(SourceSpec spec, ApiRef ref, int proto, int port, long now) {
        if (spec instanceof SourceSpec.OfWorkload ow) {
            Workload w = model.config().workloads().stream().filter(x -> x.id().equals(ow.id())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown workload '" + ow.id() + "' (expected: a workload id from the configuration)"));
            IPAddress a = new IPAddressString(w.addresses().get(0)).getAddress();
            return address(ref, a, w.vpc(), proto, port, now, "workload " + w.id(),
                    "workload " + w.id() + " (" + a + " in " + w.vpc() + ")");
        }
        if (spec instanceof SourceSpec.OfAddress oa && oa.vpc().isEmpty()) {
            return direct(ref, oa.address(), proto, port, now);
        }
        if (spec instanceof SourceSpec.OfAddress oa) {
            if (!model.vpcIndex().containsKey(oa.vpc())) {
                throw new IllegalArgumentException("unknown VPC '" + oa.vpc() + "' (expected: a VPC id from the configuration)");
            }
            return address(ref, oa.address(), oa.vpc(), proto, port, now, "address " + oa.address(), oa.address() + " in " + oa.vpc());
        }
        SourceSpec.OfGroup og = (SourceSpec.OfGroup) spec;
        List<SecurityGroup> candidates = groupsById().getOrDefault(og.group(), List.of()).stream()
                .filter(g -> og.account().isEmpty() || g.account().equals(og.account())).toList();
        if (candidates.size() != 1) {
            throw new IllegalArgumentException("group '" + og.group() + "': " + (candidates.isEmpty() ? "unknown" : "ambiguous, in accounts "
                    + candidates.stream().map(SecurityGroup::account).toList()) + " (expected: group:[ACCOUNT/]SG-ID of a declared group)");
        }
        int g = model.groupIndex().get(candidates.get(0).key());
        int[] eff = model.closure()[g];
        CompiledRule r = ref.index.findForGroups(eff, proto, port, now);
        Set<Integer> set = new TreeSet<>();
        for (int x : eff) {
            set.add(x);
        }
        String key = candidates.get(0).key();
        return new Resolved(r != null ? r.allow() : ref.index.noMatch(), set, List.of(candidates.get(0).ref()), null,
                "a member of " + key, "a member of " + key);
    }

    private Resolved address(ApiRef ref, IPAddress a, String vpc, int proto, int port, long now, String label, String description) {
        Decision d = snapshot.decideInVpc(ref, vpc, a.toInetAddress(), proto, port, now);
        WorkloadEntry e = snapshot.workloadAt(vpc, a.toInetAddress());
        Caller c = e != null ? workload(e) : partner(snapshot.partnerAt(a.toInetAddress()));
        if (c != null && !label.startsWith("workload")) {
            label = label + " (" + c.name + ")";
            description = description + " (" + c.name + ")";
        }
        return resolved(d, c, a, label, description);
    }

    /** A direct caller from {@code a}: the VPC whose space holds it and its workload, else the partner whose range does. */
    private Resolved direct(ApiRef ref, IPAddress a, int proto, int port, long now) {
        Decision d = snapshot.decideDirect(ref, a.toInetAddress(), proto, port, now);
        long[] h = Addr.halves(a);
        int vpc = ref.index.resolveVpc(a.isIPv4() ? 4 : 6, h[0], h[1]);
        String vpcId = vpc < 0 ? "" : model.vpcIds().get(vpc);
        Caller c = vpc >= 0 ? workload(snapshot.workloadAt(vpcId, a.toInetAddress())) : partner(snapshot.partnerAt(a.toInetAddress()));
        String where = a + (vpc >= 0 ? " in " + vpcId : " outside every VPC");
        if (c == null) {
            return resolved(d, null, a, "address " + a, where);
        }
        return resolved(d, c, a, c.name, c.name + " (" + where + ")");
    }

    private static Resolved resolved(Decision d, Caller c, IPAddress a, String label, String description) {
        Set<Integer> groups = new TreeSet<>();
        if (c != null) {
            for (int x : c.effective) {
                groups.add(x);
            }
        }
        return new Resolved(d, groups, c == null ? List.of() : c.direct, a, label, description);
    }

    /** A caller the address resolved to: its name ({@code workload ID}, {@code partner ID}) and groups. */
    private record Caller(String name, int[] effective, List<GroupRef> direct) {}

    private Caller workload(WorkloadEntry e) {
        if (e == null) {
            return null;
        }
        List<GroupRef> direct = model.config().workloads().stream().filter(w -> w.id().equals(e.id())).findFirst()
                .map(Workload::groups).orElse(List.of());
        return workload(e, direct);
    }

    private static Caller workload(WorkloadEntry e, List<GroupRef> direct) {
        return new Caller("workload " + e.id(), e.effectiveGroups(), direct);
    }

    private static Caller partner(PartnerIndex.Entry p) {
        return p == null ? null : new Caller("partner " + p.id(), p.effectiveGroups(), p.partner().groups());
    }

    /** The steps from the source to the rule's peer: group membership and inclusions, or the CIDR. */
    private List<String> via(Peer from, Resolved r) {
        if (from instanceof Peer.Group pg) {
            return inclusionChain(r.direct, pg.group().key());
        }
        for (String cidr : cidrsOf(from)) {
            if (r.address != null && new IPAddressString(cidr).getAddress().contains(r.address)) {
                return List.of(from instanceof Peer.PrefixListRef pl ? "in " + pl.prefixList() + " (" + cidr + ")" : "in " + cidr);
            }
        }
        return List.of();
    }

    /** Breadth-first from the direct groups up through includes to {@code target}. */
    private List<String> inclusionChain(List<GroupRef> direct, String target) {
        Map<String, List<String>> parents = includedBy();
        Map<String, String> cameFrom = new HashMap<>();
        ArrayDeque<String> queue = new ArrayDeque<>();
        direct.forEach(d -> {
            cameFrom.putIfAbsent(d.key(), "");
            queue.add(d.key());
        });
        while (!queue.isEmpty()) {
            String g = queue.poll();
            if (g.equals(target)) {
                List<String> chain = new ArrayList<>();
                for (String x = g; !x.isEmpty(); x = cameFrom.get(x)) {
                    chain.add(0, (cameFrom.get(x).isEmpty() ? "member of " : "included in ") + x);
                }
                return chain;
            }
            for (String p : parents.getOrDefault(g, List.of())) {
                if (cameFrom.putIfAbsent(p, g) == null) {
                    queue.add(p);
                }
            }
        }
        return List.of("member of " + target);
    }

    /** The declared groups by id, in declaration order (ids repeat across accounts); built on first use. */
    private Map<String, List<SecurityGroup>> groupsById() {
        Map<String, List<SecurityGroup>> m = groupsById;
        if (m == null) {
            Map<String, List<SecurityGroup>> byId = new HashMap<>();
            model.groups().forEach(g -> byId.computeIfAbsent(g.id(), k -> new ArrayList<>()).add(g));
            groupsById = m = immutable(byId);
        }
        return m;
    }

    /** Group key to the keys of the groups that include it, in declaration order; built on first use. */
    private Map<String, List<String>> includedBy() {
        Map<String, List<String>> m = includedBy;
        if (m == null) {
            Map<String, List<String>> parents = new HashMap<>();
            for (SecurityGroup g : model.groups()) {
                g.includes().forEach(c -> parents.computeIfAbsent(c.key(), k -> new ArrayList<>()).add(g.key()));
            }
            includedBy = m = immutable(parents);
        }
        return m;
    }

    /** Immutable copies, so an index another thread built is seen whole through the volatile field. */
    private static <T> Map<String, List<T>> immutable(Map<String, List<T>> m) {
        Map<String, List<T>> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Map.copyOf(out);
    }

    private void nearMisses(ApiRef ref, Resolved r, int proto, int port, long now, List<Explanation.NearMiss> out) {
        List<CompiledRule> stale = ref.index.stale();
        for (CompiledRule rule : ref.index.rules()) {
            if (!peerMatches(rule.source().from(), r)) {
                continue;
            }
            String label = rule.allow().decidedBy();
            if (stale.contains(rule)) {
                out.add(new Explanation.NearMiss(label, Explanation.Kind.STALE_REFERENCE, "references " + rule.source().from()
                        + " across VPCs that are not connected; it matches nothing"));
            } else if (!rule.matchesTraffic(proto, port)) {
                out.add(new Explanation.NearMiss(label, Explanation.Kind.PROTOCOL_OR_PORT, "allows " + rule.source().protocolAndPorts()
                        + ", asked " + protocolName(proto) + "/" + port));
            } else if (now >= rule.expiresAtMillis()) {
                out.add(new Explanation.NearMiss(label, Explanation.Kind.EXPIRED, "expired at " + Instant.ofEpochMilli(rule.expiresAtMillis())));
            } else if (rule.schedule() != null && !rule.schedule().activeAt(now)) {
                out.add(new Explanation.NearMiss(label, Explanation.Kind.OUT_OF_SCHEDULE, "in force only " + rule.schedule().source()));
            }
        }
    }

    private boolean peerMatches(Peer from, Resolved r) {
        if (from instanceof Peer.Group pg) {
            Integer g = model.groupIndex().get(pg.group().key());
            return g != null && r.groups.contains(g);
        }
        return r.address != null && cidrsOf(from).stream().anyMatch(c -> new IPAddressString(c).getAddress().contains(r.address));
    }

    private List<String> cidrsOf(Peer from) {
        return cidrsOf(model, from);
    }

    /** The CIDRs a rule's peer names: its CIDR, or its prefix list's; none for a group. */
    static List<String> cidrsOf(Model model, Peer from) {
        if (from instanceof Peer.Cidr c) {
            return List.of(c.cidr());
        }
        if (from instanceof Peer.PrefixListRef pl) {
            return model.config().prefixLists().stream().filter(x -> x.id().equals(pl.prefixList())).findFirst()
                    .map(PrefixList::cidrs).orElse(List.of());
        }
        return List.of();
    }

    static String protocolName(int p) {
        return new io.portcullis.config.Protocol(p).toString();
    }
}
