package io.portcullis.engine;

import static java.util.Objects.requireNonNull;

import io.portcullis.config.Api;
import io.portcullis.config.Peer;
import io.portcullis.config.Workload;
import io.portcullis.decision.Decision;
import io.portcullis.engine.internal.Addr;
import io.portcullis.engine.internal.ApiIndex;
import io.portcullis.engine.internal.CompiledRule;
import io.portcullis.engine.internal.Compiler;
import io.portcullis.engine.internal.Model;
import io.portcullis.engine.internal.PartnerIndex;
import io.portcullis.engine.internal.WorkloadEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who can reach many APIs at once, by classes of callers: the cold-path companion of {@link Explainer#whoCanReach}
 * for analyses that ask about every API of an estate.
 *
 * <p>Design: the network decision for a workload depends on its VPC and effective groups (the group rules) and
 * on its addresses (the CIDR rules). Workloads are therefore grouped once into classes by (VPC, account, interned
 * group set); a group match is decided once per class and API, and addresses are looked at only for the members
 * of a class no group rule admits, and only when the API has CIDR rules. The verdicts are the engine's own
 * ({@link ApiIndex#matchGroups}, {@link ApiIndex#matchCidr}, in the order {@link Snapshot} tries them), so this
 * class decides nothing of its own. Cost per API: O(classes + addresses of unadmitted classes when CIDR rules
 * exist), instead of O(workloads). {@link #views} places extra APIs (a VPC endpoint seen as "an API at its VPC
 * with its groups") on the same model and workload index without recompiling either. Immutable after
 * construction; membership changes made to the engine afterwards are not seen (build a new one).
 */
public final class Reachability {

    /** Which callers count: any VPC's (an API behind endpoints callers bring), or only connected VPCs'. */
    public enum Scope { ANY_VPC, CONNECTED_VPCS }

    private final Snapshot snapshot;
    private final Model model;
    private final List<CallerClass> classes;

    private Reachability(Snapshot snapshot) {
        this.snapshot = snapshot;
        this.model = snapshot.model();
        Map<CallerKey, CallerClass> byKey = new LinkedHashMap<>();
        for (Workload w : model.config().workloads()) {
            int vpc = model.vpcIndex().get(w.vpc());
            long[] addresses = new long[w.addresses().size() * 3];
            WorkloadEntry entry = null;
            for (int i = 0; i < w.addresses().size(); i++) {
                Addr.Prefix p = Addr.parse(w.addresses().get(i));
                addresses[3 * i] = p.family();
                addresses[3 * i + 1] = p.hi();
                addresses[3 * i + 2] = p.lo();
                if (entry == null) {
                    entry = snapshot.workloads().get(vpc, p.family(), p.hi(), p.lo());
                }
            }
            if (entry == null) {
                continue; // removed from the engine since the configuration was compiled
            }
            WorkloadEntry e = entry;
            byKey.computeIfAbsent(new CallerKey(vpc, w.account(), e.groupSet()),
                    k -> new CallerClass(k.vpc, k.account, e.effectiveGroups(), e.effectiveGroupKeys(), new ArrayList<>()))
                    .members.add(new Member(w.id(), addresses));
        }
        this.classes = List.copyOf(byKey.values());
    }

    /** The classes of the snapshot's workloads, built once (linear in the workloads). */
    public static Reachability of(Snapshot snapshot) {
        return new Reachability(requireNonNull(snapshot, "snapshot"));
    }

    /** The number of caller classes (for measurements). */
    public int classes() {
        return classes.size();
    }

    /**
     * Handles to {@code apis} placed on this snapshot's network by name, compiled as the engine compiles a declared
     * API (their VPCs and groups must be declared); they are not served and not added to the snapshot.
     */
    public Map<String, ApiRef> views(List<Api> apis) {
        Map<String, ApiRef> out = new LinkedHashMap<>();
        Map<String, ApiIndex> compiled = Compiler.apis(model, apis);
        for (Api a : apis) {
            out.put(a.name(), new ApiRef(compiled.get(a.name())));
        }
        return out;
    }

    /**
     * Every caller admitted to {@code api} on {@code protocol}/{@code port} at {@code at}: workload classes (with
     * their members, by the admitting rule), partners by their groups, and the CIDRs of rules in force. With
     * {@link Scope#CONNECTED_VPCS} only workloads of the API's own and connected VPCs count.
     */
    public List<Reached> reach(ApiRef api, int protocol, int port, Instant at, Scope scope) {
        ApiIndex index = api.index;
        long now = at.toEpochMilli();
        boolean hasCidrs = false;
        for (CompiledRule r : index.rules()) {
            hasCidrs |= !(r.source().from() instanceof Peer.Group);
        }
        List<Reached> out = new ArrayList<>();
        for (CallerClass c : classes) {
            if (scope == Scope.CONNECTED_VPCS && !model.connectivity().connected(index.vpc(), c.vpc)) {
                continue;
            }
            int r = index.matchGroups(c.groups, 0, c.groups.length, protocol, port, now);
            if (r >= 0) {
                out.add(workloads(c, c.members.stream().map(Member::id).toList(), index.allow(r)));
            } else if (hasCidrs) {
                Map<Integer, List<String>> byRule = new LinkedHashMap<>();
                for (Member m : c.members) {
                    for (int i = 0; i < m.addresses.length; i += 3) {
                        int cr = index.matchCidr((int) m.addresses[i], m.addresses[i + 1], m.addresses[i + 2], protocol, port, now);
                        if (cr >= 0) {
                            byRule.computeIfAbsent(cr, k -> new ArrayList<>()).add(m.id);
                            break;
                        }
                    }
                }
                byRule.forEach((rule, ids) -> out.add(workloads(c, ids, index.allow(rule))));
            }
        }
        partners(index, protocol, port, now, out);
        cidrs(index, protocol, port, now, out);
        return out;
    }

    /**
     * The {@code PARTNER} entries of {@link #reach}, in its order, without deciding for any workload: O(partners).
     * For analyses that only ask which partners get in.
     */
    public List<Reached> partners(ApiRef api, int protocol, int port, Instant at) {
        List<Reached> out = new ArrayList<>();
        partners(api.index, protocol, port, at.toEpochMilli(), out);
        return out;
    }

    /**
     * The {@code CIDR} entries of {@link #reach}, in its order, read from the API's compiled rules alone: O(rules of
     * the API), independent of the workloads. For analyses that only ask which ranges a target admits (wide
     * sources, risky ports): the ranges of every rule in force that matches the traffic.
     */
    public List<Reached> cidrs(ApiRef api, int protocol, int port, Instant at) {
        List<Reached> out = new ArrayList<>();
        cidrs(api.index, protocol, port, at.toEpochMilli(), out);
        return out;
    }

    private void partners(ApiIndex index, int protocol, int port, long now, List<Reached> out) {
        for (PartnerIndex.Entry p : snapshot.partners().all()) {
            CompiledRule r = index.findForGroups(p.effectiveGroups(), protocol, port, now);
            if (r != null) {
                out.add(new Reached(Reached.Kind.PARTNER, "", p.partner().account(), p.effectiveGroupKeys(), List.of(p.id()),
                        p.id(), r.allow()));
            }
        }
    }

    private void cidrs(ApiIndex index, int protocol, int port, long now, List<Reached> out) {
        for (CompiledRule r : index.rules()) {
            if (r.matchesTraffic(protocol, port) && r.inForceAt(now)) {
                for (String cidr : Explainer.cidrsOf(model, r.source().from())) {
                    out.add(new Reached(Reached.Kind.CIDR, "", "", List.of(), List.of(), cidr, r.allow()));
                }
            }
        }
    }

    /**
     * Whether {@code api} admits a caller at {@code address} in {@code vpc} (the workload there, by its groups, else
     * the address by CIDR): the engine's decision for one address, for analyses that must know which of a caller's
     * addresses got in.
     */
    public boolean admits(ApiRef api, String vpc, String address, int protocol, int port, Instant at) {
        Integer v = model.vpcIndex().get(vpc);
        Addr.Prefix p = Addr.parse(address);
        if (v == null || p == null) {
            return false;
        }
        long now = at.toEpochMilli();
        WorkloadEntry e = snapshot.workloads().get(v, p.family(), p.hi(), p.lo());
        if (e != null && api.index.matchGroups(e.effectiveGroups(), 0, e.effectiveGroups().length, protocol, port, now) >= 0) {
            return true;
        }
        return api.index.matchCidr(p.family(), p.hi(), p.lo(), protocol, port, now) >= 0;
    }

    private Reached workloads(CallerClass c, List<String> ids, Decision rule) {
        return new Reached(Reached.Kind.WORKLOADS, model.vpcIds().get(c.vpc), c.account, c.groupKeys, ids, "", rule);
    }

    /**
     * Callers admitted by one rule: {@code WORKLOADS} of one VPC and account with the same effective groups
     * ({@code workloads} their ids), a {@code PARTNER} ({@code subject} its id) or a {@code CIDR} ({@code subject}
     * the range, which may hold addresses of no declared workload: on-premises, VPN, other interfaces).
     * {@code rule} is the engine's allowing decision ({@code decidedBy} {@code ACCOUNT/sg-x ingress[2]}).
     */
    public record Reached(Kind kind, String vpc, String account, List<String> groups, List<String> workloads,
                          String subject, Decision rule) {
        public enum Kind { WORKLOADS, PARTNER, CIDR }

        public Reached {
            groups = List.copyOf(groups);
            workloads = List.copyOf(workloads);
        }
    }

    private record CallerKey(int vpc, String account, int groupSet) {}

    private record CallerClass(int vpc, String account, int[] groups, List<String> groupKeys, List<Member> members) {}

    /** A workload's id and addresses as (family, hi, lo) triples. */
    private record Member(String id, long[] addresses) {}
}
