package io.portcullis.engine.internal;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.portcullis.config.Api;
import io.portcullis.config.Connection;
import io.portcullis.config.GroupRef;
import io.portcullis.config.IngressRule;
import io.portcullis.config.Peer;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.PrefixList;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.Workload;
import io.portcullis.decision.Decision;
import io.portcullis.engine.NetworkReasons;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles a validated configuration into a {@link Model}, one {@link ApiIndex} per API and a filled
 * {@link WorkloadIndex}. Runs off the request path (startup, reload); linear in the size of the configuration.
 */
public final class Compiler {

    private Compiler() {}

    public static Model model(PortcullisConfig c) {
        Map<String, Integer> vpcIndex = new HashMap<>();
        List<String> vpcIds = new ArrayList<>();
        List<List<IPAddress>> vpcCidrs = new ArrayList<>();
        c.vpcs().forEach(v -> {
            vpcIndex.put(v.id(), vpcIds.size());
            vpcIds.add(v.id());
            vpcCidrs.add(v.cidrs().stream().map(s -> new IPAddressString(s).getAddress()).toList());
        });
        boolean[][] conn = new boolean[vpcIds.size()][vpcIds.size()];
        for (Connection k : c.connections()) {
            for (String a : k.vpcs()) {
                for (String b : k.vpcs()) {
                    conn[vpcIndex.get(a)][vpcIndex.get(b)] = true;
                }
            }
        }
        Connectivity connectivity = new Connectivity(conn);
        Map<String, Integer> groupIndex = new HashMap<>();
        int[] groupVpc = new int[c.securityGroups().size()];
        for (SecurityGroup g : c.securityGroups()) {
            groupVpc[groupIndex.size()] = vpcIndex.get(g.vpc());
            groupIndex.put(g.key(), groupIndex.size());
        }
        Map<String, Integer> endpoints = new HashMap<>();
        c.vpcEndpoints().forEach(e -> endpoints.put(e.id(), vpcIndex.get(e.vpc())));
        return new Model(c, groupIndex, c.securityGroups(), groupVpc, vpcIndex, vpcIds, vpcCidrs, endpoints,
                closure(c.securityGroups(), groupIndex, groupVpc, connectivity), connectivity,
                c.securityGroups().stream().map(SecurityGroup::key).toList());
    }

    /** For each group, itself plus every group that (transitively) includes it across connected VPCs. */
    private static int[][] closure(List<SecurityGroup> groups, Map<String, Integer> index, int[] vpc, Connectivity conn) {
        List<List<Integer>> parents = new ArrayList<>();
        groups.forEach(g -> parents.add(new ArrayList<>()));
        for (int p = 0; p < groups.size(); p++) {
            for (GroupRef child : groups.get(p).includes()) {
                int ch = index.get(child.key());
                if (conn.connected(vpc[p], vpc[ch])) {
                    parents.get(ch).add(p);
                }
            }
        }
        // Upward closure per group by an iterative search (no recursion: inclusion chains may be deep).
        int[][] out = new int[groups.size()][];
        for (int g = 0; g < groups.size(); g++) {
            TreeSet<Integer> all = new TreeSet<>();
            ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(g));
            while (!todo.isEmpty()) {
                int x = todo.pop();
                if (all.add(x)) {
                    todo.addAll(parents.get(x));
                }
            }
            out[g] = all.stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    public static Map<String, ApiIndex> apis(Model m) {
        Map<String, PrefixList> prefixLists = new HashMap<>();
        m.config().prefixLists().forEach(p -> prefixLists.put(p.id(), p));
        Map<String, ApiIndex> out = new HashMap<>();
        for (Api api : m.config().apis()) {
            out.put(api.name(), api(m, api, prefixLists));
        }
        return out;
    }

    private static ApiIndex api(Model m, Api api, Map<String, PrefixList> prefixLists) {
        Map<Integer, List<CompiledRule>> byGroup = new HashMap<>();
        PrefixTable.Builder cidrs = new PrefixTable.Builder();
        List<CompiledRule> rules = new ArrayList<>();
        List<CompiledRule> stale = new ArrayList<>();
        for (GroupRef attachedRef : api.securityGroups()) {
            int attached = m.groupIndex().get(attachedRef.key());
            for (int owner : withExtended(m, attached)) {
                SecurityGroup sg = m.groups().get(owner);
                for (int i = 0; i < sg.ingress().size(); i++) {
                    CompiledRule r = rule(sg, i, attachedRef.key());
                    rules.add(r);
                    Peer from = r.source().from();
                    if (from instanceof Peer.Group pg) {
                        int target = m.groupIndex().get(pg.group().key());
                        if (m.connectivity().connected(m.groupVpc()[attached], m.groupVpc()[target])) {
                            byGroup.computeIfAbsent(target, k -> new ArrayList<>()).add(r);
                        } else {
                            stale.add(r);
                        }
                    } else if (from instanceof Peer.Cidr pc) {
                        cidrs.add(new IPAddressString(pc.cidr()).getAddress(), r);
                    } else if (from instanceof Peer.PrefixListRef pl) {
                        prefixLists.get(pl.prefixList()).cidrs().forEach(s -> cidrs.add(new IPAddressString(s).getAddress(), r));
                    }
                }
            }
        }
        IntObjectMap<CompiledRule[]> groups = new IntObjectMap<>(Math.max(1, byGroup.size()));
        byGroup.forEach((g, list) -> groups.put(g, list.toArray(CompiledRule[]::new)));
        int vpc = m.vpcIndex().get(api.vpc());
        List<ApiIndex.VpcRange> ranges = new ArrayList<>();
        for (int v = 0; v < m.vpcIds().size(); v++) {
            if (m.connectivity().connected(vpc, v)) {
                for (IPAddress cidr : m.vpcCidrs().get(v)) {
                    long[] h = Addr.halves(cidr.getLower());
                    ranges.add(new ApiIndex.VpcRange(v, cidr.isIPv4() ? 4 : 6, h[0], h[1], cidr.getNetworkPrefixLength()));
                }
            }
        }
        Decision noMatch = Decision.deny(NetworkReasons.NO_MATCHING_RULE, "",
                "no rule of " + api.securityGroups() + " admits the source");
        return new ApiIndex(api, vpc, groups, cidrs.build(), List.copyOf(ranges), List.copyOf(rules), List.copyOf(stale), noMatch);
    }

    /** The group and every group it extends, transitively, each once, the group itself first. */
    private static Set<Integer> withExtended(Model m, int g) {
        Set<Integer> out = new LinkedHashSet<>();
        List<Integer> todo = new ArrayList<>(List.of(g));
        while (!todo.isEmpty()) {
            int x = todo.remove(0);
            if (out.add(x)) {
                m.groups().get(x).extendsGroups().forEach(r -> todo.add(m.groupIndex().get(r.key())));
            }
        }
        return out;
    }

    private static CompiledRule rule(SecurityGroup owner, int index, String attachedVia) {
        IngressRule r = owner.ingress().get(index);
        String label = owner.key() + " ingress[" + index + "]" + (owner.key().equals(attachedVia) ? "" : " (inherited by " + attachedVia + ")");
        String detail = r.protocolAndPorts() + " from " + r.from() + (r.description().isEmpty() ? "" : " (" + r.description() + ")");
        return new CompiledRule(r.protocol().number(), r.ports().from(), r.ports().to(),
                r.expires().map(java.time.Instant::toEpochMilli).orElse(Long.MAX_VALUE),
                r.schedule().map(CompiledSchedule::new).orElse(null),
                Decision.allow(NetworkReasons.RULE_MATCH, label, detail), owner.key(), attachedVia, index, r);
    }

    /** The workload's index entry: effective groups are the union of its direct groups' closures. */
    public static WorkloadEntry entry(Model m, Workload w) {
        TreeSet<Integer> eff = new TreeSet<>();
        for (GroupRef g : w.groups()) {
            for (int x : m.closure()[m.groupIndex().get(g.key())]) {
                eff.add(x);
            }
        }
        int[] groups = eff.stream().mapToInt(Integer::intValue).toArray();
        List<String> keys = eff.stream().map(m::groupKey).toList();
        return new WorkloadEntry(w.id(), w.account(), m.vpcIndex().get(w.vpc()), groups, keys);
    }
}
