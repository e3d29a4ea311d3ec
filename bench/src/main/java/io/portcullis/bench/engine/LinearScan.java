package io.portcullis.bench.engine;

import io.portcullis.config.Api;
import io.portcullis.config.GroupRef;
import io.portcullis.config.IngressRule;
import io.portcullis.config.Peer;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.Workload;
import io.portcullis.engine.internal.CompiledSchedule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The peer: the same IPv4 decision by a linear scan over every rule of the configuration, as a straightforward
 * implementation without per-API indexes would do. It is given every fair advantage: rules flattened into
 * primitive arrays, CIDRs pre-parsed to (network, mask), workloads' effective groups precomputed, and the engine's
 * own allocation-free schedule evaluator; only the index is missing. Callers' VPCs are resolved as the engine does.
 *
 * <p>Design: for each rule, in configuration order: is its owner group attached to the API (directly or by
 * {@code extends})? Does protocol, port and time match? Does the peer match the caller (effective-group binary
 * search, or a CIDR mask compare)? O(all rules) per decision.
 */
final class LinearScan {

    private final int[] owner;
    private final int[] proto;
    private final int[] portFrom;
    private final int[] portTo;
    private final long[] expires;
    private final CompiledSchedule[] schedule;
    /** Referenced group index, or -1 for a CIDR/prefix-list rule. */
    private final int[] peerGroup;
    private final int[][] nets;
    private final int[][] masks;
    private final Map<String, boolean[]> ownersByApi = new HashMap<>();
    private final Map<String, Integer> apiVpc = new HashMap<>();
    /** (vpc << 32 | address) → effective groups, sorted. */
    private final Map<Long, int[]> callers = new HashMap<>();
    private final int[] groupVpc;

    LinearScan(PortcullisConfig c) {
        Map<String, Integer> gi = new HashMap<>();
        Map<String, Integer> vi = new HashMap<>();
        c.vpcs().forEach(v -> vi.put(v.id(), vi.size()));
        c.securityGroups().forEach(g -> gi.put(g.key(), gi.size()));
        groupVpc = c.securityGroups().stream().mapToInt(g -> vi.get(g.vpc())).toArray();
        Map<String, List<String>> prefixLists = new HashMap<>();
        c.prefixLists().forEach(p -> prefixLists.put(p.id(), p.cidrs()));
        List<int[]> flat = new ArrayList<>();
        List<IngressRule> rules = new ArrayList<>();
        for (SecurityGroup g : c.securityGroups()) {
            for (IngressRule r : g.ingress()) {
                flat.add(new int[] {gi.get(g.key())});
                rules.add(r);
            }
        }
        int n = rules.size();
        owner = new int[n];
        proto = new int[n];
        portFrom = new int[n];
        portTo = new int[n];
        expires = new long[n];
        schedule = new CompiledSchedule[n];
        peerGroup = new int[n];
        nets = new int[n][];
        masks = new int[n][];
        for (int i = 0; i < n; i++) {
            IngressRule r = rules.get(i);
            owner[i] = flat.get(i)[0];
            proto[i] = r.protocol().number();
            portFrom[i] = r.ports().from();
            portTo[i] = r.ports().to();
            expires[i] = r.expires().map(java.time.Instant::toEpochMilli).orElse(Long.MAX_VALUE);
            schedule[i] = r.schedule().map(CompiledSchedule::new).orElse(null);
            List<String> cidrs = List.of();
            peerGroup[i] = -1;
            if (r.from() instanceof Peer.Group pg) {
                peerGroup[i] = gi.get(pg.group().key());
            } else if (r.from() instanceof Peer.Cidr pc) {
                cidrs = List.of(pc.cidr());
            } else if (r.from() instanceof Peer.PrefixListRef pl) {
                cidrs = prefixLists.get(pl.prefixList());
            }
            List<String> v4 = cidrs.stream().filter(s -> !s.contains(":")).toList();
            nets[i] = new int[v4.size()];
            masks[i] = new int[v4.size()];
            for (int k = 0; k < v4.size(); k++) {
                String[] parts = v4.get(k).split("/");
                int bits = Integer.parseInt(parts[1]);
                masks[i][k] = bits == 0 ? 0 : -1 << (32 - bits);
                nets[i][k] = ipv4(parts[0]) & masks[i][k];
            }
        }
        for (Api api : c.apis()) {
            boolean[] owners = new boolean[gi.size()];
            ArrayDeque<Integer> todo = new ArrayDeque<>();
            api.securityGroups().forEach(r -> todo.add(gi.get(r.key())));
            while (!todo.isEmpty()) {
                int g = todo.poll();
                if (!owners[g]) {
                    owners[g] = true;
                    c.securityGroups().get(g).extendsGroups().forEach(r -> todo.add(gi.get(r.key())));
                }
            }
            ownersByApi.put(api.name(), owners);
            apiVpc.put(api.name(), vi.get(api.vpc()));
        }
        List<List<Integer>> includedBy = new ArrayList<>();
        c.securityGroups().forEach(g -> includedBy.add(new ArrayList<>()));
        for (SecurityGroup g : c.securityGroups()) {
            for (GroupRef child : g.includes()) {
                includedBy.get(gi.get(child.key())).add(gi.get(g.key()));
            }
        }
        for (Workload w : c.workloads()) {
            TreeSet<Integer> eff = new TreeSet<>();
            ArrayDeque<Integer> todo = new ArrayDeque<>();
            w.groups().forEach(r -> todo.add(gi.get(r.key())));
            while (!todo.isEmpty()) {
                int g = todo.poll();
                if (eff.add(g)) {
                    todo.addAll(includedBy.get(g));
                }
            }
            int v = vi.get(w.vpc());
            for (String a : w.addresses()) {
                if (!a.contains(":")) {
                    callers.put(key(v, ipv4(a)), eff.stream().mapToInt(Integer::intValue).toArray());
                }
            }
        }
    }

    /** True when some rule of an API-attached group admits the IPv4 caller (VPC resolved from its address). */
    boolean allows(String api, int ipv4, int protocol, int port, long now) {
        boolean[] owners = ownersByApi.get(api);
        int av = apiVpc.get(api);
        int cv = (ipv4 >>> 24) == 10 ? (ipv4 >>> 16) & 255 : -1; // the synthetic VPCs are 10.V.0.0/16
        if (cv >= SyntheticConfig.VPCS || (cv >= 0 && !SyntheticConfig.connected(av, cv))) {
            cv = -1;
        }
        int[] groups = cv < 0 ? null : callers.get(key(cv, ipv4));
        for (int i = 0; i < owner.length; i++) {
            if (!owners[owner[i]] || (proto[i] != -1 && proto[i] != protocol)
                    || ((proto[i] == 6 || proto[i] == 17) && (port < portFrom[i] || port > portTo[i]))
                    || now >= expires[i] || (schedule[i] != null && !schedule[i].activeAt(now))) {
                continue;
            }
            int pg = peerGroup[i];
            if (pg >= 0) {
                if (groups != null && SyntheticConfig.connected(av, groupVpc[pg]) && Arrays.binarySearch(groups, pg) >= 0) {
                    return true;
                }
            } else {
                for (int k = 0; k < nets[i].length; k++) {
                    if ((ipv4 & masks[i][k]) == nets[i][k]) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static long key(int vpc, int ipv4) {
        return ((long) vpc << 32) | (ipv4 & 0xFFFF_FFFFL);
    }

    static int ipv4(String dotted) {
        String[] p = dotted.split("\\.");
        return (Integer.parseInt(p[0]) << 24) | (Integer.parseInt(p[1]) << 16) | (Integer.parseInt(p[2]) << 8) | Integer.parseInt(p[3]);
    }
}
