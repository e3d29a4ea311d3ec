package io.portcullis.engine.internal;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.portcullis.config.Api;
import io.portcullis.config.Connection;
import io.portcullis.config.GroupRef;
import io.portcullis.config.IngressRule;
import io.portcullis.config.Partner;
import io.portcullis.config.Peer;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.Workload;
import io.portcullis.decision.Decision;
import io.portcullis.engine.NetworkReasons;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a validated configuration into a {@link Model}, one {@link ApiIndex} per API, a filled
 * {@link WorkloadIndex} and the {@link PartnerIndex}. Runs off the request path (startup, reload); linear in the
 * size of the configuration (times the depth of inclusion for closures), and light on allocation so that even the
 * first compile in a fresh JVM, running mostly interpreted, stays fast: primitive arrays rather than boxed
 * collections, each CIDR parsed once, dotted-quad IPv4 parsed without IPAddress, and group sets shared between
 * workloads.
 */
public final class Compiler {

    private Compiler() {}

    public static Model model(PortcullisConfig c) {
        Map<String, Integer> vpcIndex = new HashMap<>();
        List<String> vpcIds = new ArrayList<>();
        List<List<IPAddress>> vpcCidrs = new ArrayList<>();
        List<List<Addr.Prefix>> vpcPrefixes = new ArrayList<>();
        c.vpcs().forEach(v -> {
            vpcIndex.put(v.id(), vpcIds.size());
            vpcIds.add(v.id());
            vpcCidrs.add(v.cidrs().stream().map(s -> new IPAddressString(s).getAddress()).toList());
            vpcPrefixes.add(v.cidrs().stream().map(Compiler::prefix).toList());
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
        List<String> groupKeys = new ArrayList<>(c.securityGroups().size());
        Map<String, Map<String, Integer>> byAccount = new HashMap<>();
        for (SecurityGroup g : c.securityGroups()) {
            int i = groupKeys.size();
            groupVpc[i] = vpcIndex.get(g.vpc());
            groupKeys.add(g.key());
            groupIndex.put(groupKeys.get(i), i);
            byAccount.computeIfAbsent(g.account(), a -> new HashMap<>()).put(g.id(), i);
        }
        Map<String, Integer> endpoints = new HashMap<>();
        c.vpcEndpoints().forEach(e -> endpoints.put(e.id(), vpcIndex.get(e.vpc())));
        return new Model(c, groupIndex, c.securityGroups(), groupVpc, vpcIndex, vpcIds, vpcCidrs, vpcPrefixes, endpoints,
                closure(c.securityGroups(), byAccount, groupVpc, connectivity), connectivity, List.copyOf(groupKeys), byAccount);
    }

    /** For each group, itself plus every group that (transitively) includes it across connected VPCs, sorted. */
    private static int[][] closure(List<SecurityGroup> groups, Map<String, Map<String, Integer>> index, int[] vpc, Connectivity conn) {
        int n = groups.size();
        int[][] parents = new int[n][];
        int[] parentCount = new int[n];
        for (int p = 0; p < n; p++) {
            for (GroupRef child : groups.get(p).includes()) {
                int ch = index.get(child.account()).get(child.id());
                if (conn.connected(vpc[p], vpc[ch])) {
                    int[] ps = parents[ch] == null ? new int[2] : parents[ch];
                    if (parentCount[ch] == ps.length) {
                        ps = Arrays.copyOf(ps, ps.length * 2);
                    }
                    ps[parentCount[ch]++] = p;
                    parents[ch] = ps;
                }
            }
        }
        // Upward closure per group by an iterative search (no recursion: inclusion chains may be deep). `seen`
        // marks visits with the group being closed, so it is cleared for free between groups.
        int[][] out = new int[n][];
        int[] seen = new int[n];
        Arrays.fill(seen, -1);
        int[] todo = new int[Math.max(1, n)];
        for (int g = 0; g < n; g++) {
            if (parentCount[g] == 0) {
                out[g] = new int[] {g};
                continue;
            }
            int found = 0;
            todo[found++] = g;
            seen[g] = g;
            for (int k = 0; k < found; k++) {
                int x = todo[k];
                for (int j = 0; j < parentCount[x]; j++) {
                    int p = parents[x][j];
                    if (seen[p] != g) {
                        seen[p] = g;
                        todo[found++] = p;
                    }
                }
            }
            int[] all = Arrays.copyOf(todo, found);
            Arrays.sort(all);
            out[g] = all;
        }
        return out;
    }

    public static Map<String, ApiIndex> apis(Model m) {
        return apis(m, m.config().apis());
    }

    /**
     * Indexes for {@code apis} placed on the model's network (its groups, VPCs and prefix lists), whether or not
     * the configuration declares them: an analysis asks who reaches a VPC endpoint as if it were an API.
     */
    public static Map<String, ApiIndex> apis(Model m, List<Api> apis) {
        Map<String, List<Addr.Prefix>> prefixLists = new HashMap<>();
        m.config().prefixLists().forEach(p -> prefixLists.put(p.id(), p.cidrs().stream().map(Compiler::prefix).toList()));
        Map<String, ApiIndex> out = new HashMap<>();
        for (Api api : apis) {
            out.put(api.name(), api(m, api, prefixLists));
        }
        return out;
    }

    private static ApiIndex api(Model m, Api api, Map<String, List<Addr.Prefix>> prefixLists) {
        int vpc = m.vpcIndex().get(api.vpc());
        ApiIndex.Builder b = new ApiIndex.Builder(api, vpc, Decision.deny(NetworkReasons.NO_MATCHING_RULE, "",
                "no rule of " + api.securityGroups() + " admits the source"));
        for (GroupRef attachedRef : api.securityGroups()) {
            int attached = m.group(attachedRef);
            String via = m.groupKey(attached);
            for (int owner : withExtended(m, attached)) {
                SecurityGroup sg = m.groups().get(owner);
                for (int i = 0; i < sg.ingress().size(); i++) {
                    int r = b.rule(rule(m, owner, i, via));
                    Peer from = sg.ingress().get(i).from();
                    if (from instanceof Peer.Group pg) {
                        int target = m.group(pg.group());
                        if (m.connectivity().connected(m.groupVpc()[attached], m.groupVpc()[target])) {
                            b.group(target, r);
                        } else {
                            b.stale(r);
                        }
                    } else if (from instanceof Peer.Cidr pc) {
                        b.cidr(prefix(pc.cidr()), r);
                    } else if (from instanceof Peer.PrefixListRef pl) {
                        for (Addr.Prefix p : prefixLists.get(pl.prefixList())) {
                            b.cidr(p, r);
                        }
                    }
                }
            }
        }
        for (int v = 0; v < m.vpcIds().size(); v++) {
            if (m.connectivity().connected(vpc, v)) {
                for (Addr.Prefix p : m.vpcPrefixes().get(v)) {
                    b.vpcRange(v, p);
                }
            }
        }
        return b.build();
    }

    static Addr.Prefix prefix(String cidr) {
        Addr.Prefix p = Addr.parse(cidr);
        if (p == null) {
            throw new IllegalArgumentException("'" + cidr + "' is not a CIDR (expected: a validated configuration)");
        }
        return p;
    }

    /** The group and every group it extends, transitively, each once, the group itself first. */
    private static int[] withExtended(Model m, int g) {
        if (m.groups().get(g).extendsGroups().isEmpty()) {
            return new int[] {g};
        }
        Set<Integer> out = new LinkedHashSet<>();
        ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(g));
        while (!todo.isEmpty()) {
            int x = todo.poll();
            if (out.add(x)) {
                m.groups().get(x).extendsGroups().forEach(r -> todo.add(m.group(r)));
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static CompiledRule rule(Model m, int owner, int index, String attachedVia) {
        SecurityGroup sg = m.groups().get(owner);
        String key = m.groupKey(owner);
        IngressRule r = sg.ingress().get(index);
        String label = key + " ingress[" + index + "]" + (key.equals(attachedVia) ? "" : " (inherited by " + attachedVia + ")");
        String detail = r.protocolAndPorts() + " from " + r.from() + (r.description().isEmpty() ? "" : " (" + r.description() + ")");
        return new CompiledRule(r.protocol().number(), r.ports().from(), r.ports().to(),
                r.expires().isPresent() ? r.expires().get().toEpochMilli() : Long.MAX_VALUE,
                r.schedule().isPresent() ? new CompiledSchedule(r.schedule().get()) : null,
                Decision.allow(NetworkReasons.RULE_MATCH, label, detail), key, attachedVia, index, r);
    }

    /**
     * The workload's index entry: effective groups are the union of its direct groups' closures, interned in
     * {@code index} with every workload that has the same ones.
     */
    public static WorkloadEntry entry(Model m, Workload w, WorkloadIndex index) {
        WorkloadIndex.GroupSet set;
        if (w.groups().size() == 1) {
            int g = m.group(w.groups().get(0));
            set = index.closureSet(g, m.closure()[g], m::groupKey);
        } else {
            set = index.groupSet(effectiveGroups(m, w.groups()), m::groupKey);
        }
        return new WorkloadEntry(w.id(), w.account(), m.vpcIndex().get(w.vpc()), set.groups(), set.keys(), set.offset());
    }

    /** The partners' index: each partner's ranges and effective groups (its groups' closures, united). */
    public static PartnerIndex partners(Model m) {
        List<Partner> partners = m.config().partners();
        List<int[]> groups = new ArrayList<>(partners.size());
        List<List<String>> keys = new ArrayList<>(partners.size());
        for (Partner p : partners) {
            int[] effective = effectiveGroups(m, p.groups());
            groups.add(effective);
            keys.add(Arrays.stream(effective).mapToObj(m::groupKey).toList());
        }
        return PartnerIndex.of(partners, groups, keys);
    }

    /** The sorted, distinct indexes of every group a member of {@code direct} belongs to: their closures' union. */
    static int[] effectiveGroups(Model m, List<GroupRef> direct) {
        int[] all = new int[0];
        for (GroupRef g : direct) {
            int[] c = m.closure()[m.group(g)];
            int at = all.length;
            all = Arrays.copyOf(all, at + c.length);
            System.arraycopy(c, 0, all, at, c.length);
        }
        Arrays.sort(all);
        int n = 0;
        for (int i = 0; i < all.length; i++) {
            if (n == 0 || all[n - 1] != all[i]) {
                all[n++] = all[i];
            }
        }
        return Arrays.copyOf(all, n);
    }
}
