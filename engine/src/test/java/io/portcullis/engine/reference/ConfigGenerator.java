package io.portcullis.engine.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a small, valid configuration as YAML from {@link Genes}: 2-4 VPCs (some sharing address space when no
 * caller could confuse them), peering and transit gateways, 3-12 groups with acyclic {@code includes} and
 * {@code extends} (each group only names lower-numbered groups), rules of every kind including cross-VPC and
 * stale group references, schedules in zones with odd offsets and daylight saving, expiries on the same instants
 * the queries use, up to 20 workloads with IPv4 and IPv6 addresses, and 1-3 APIs.
 */
public final class ConfigGenerator {

    /** Instants queries and expiries share, around daylight-saving changes in the zones below. */
    public static final List<Instant> INSTANTS = List.of(
            Instant.parse("2025-03-09T06:59:59Z"), Instant.parse("2025-03-09T07:00:00Z"), // New York springs forward
            Instant.parse("2025-03-30T00:59:59Z"), Instant.parse("2025-03-30T01:00:00Z"), // London springs forward
            Instant.parse("2025-04-05T15:00:00Z"), // Lord Howe falls back half an hour
            Instant.parse("2025-06-30T00:00:00Z"), Instant.parse("2025-06-30T23:30:00Z"),
            Instant.parse("2025-10-26T00:30:00Z"), Instant.parse("2025-10-26T01:30:00Z"), // London falls back
            Instant.parse("2025-11-02T05:30:00Z"), Instant.parse("2025-11-02T06:30:00Z")); // New York falls back

    static final List<String> ZONES = List.of("UTC", "Europe/London", "America/New_York", "Australia/Lord_Howe",
            "Asia/Kolkata", "Pacific/Chatham");
    static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    static final List<String> TIMES = List.of("00:00", "01:30", "02:00", "07:00", "09:15", "12:00", "19:00", "23:45");
    static final List<String> PORTS = List.of("22", "443", "8443", "0", "65535", "1000-2000", "0-65535", "80-443");
    static final List<String> PROTOCOLS = List.of("tcp", "udp", "icmp", "all", "50", "icmpv6", "-1", "6");

    private final Genes g;
    private final List<String> accounts = new ArrayList<>();
    private final List<Map<String, Object>> vpcs = new ArrayList<>();
    private final List<Integer> vpcSpace = new ArrayList<>();
    private final List<Set<Integer>> connectedTo = new ArrayList<>();
    private final List<Integer> groupVpc = new ArrayList<>();
    private final List<String> groupRef = new ArrayList<>();
    private final List<String> prefixLists = new ArrayList<>();
    private final Set<String> used = new HashSet<>();

    private ConfigGenerator(Genes genes) {
        this.g = genes;
    }

    /** The YAML of a configuration that must validate. */
    public static String yaml(Genes genes) {
        try {
            return new ObjectMapper(new YAMLFactory()).writeValueAsString(new ConfigGenerator(genes).build());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> build() {
        Map<String, Object> root = new LinkedHashMap<>();
        int nAccounts = 1 + g.next(2);
        for (int i = 0; i < nAccounts; i++) {
            accounts.add("10000000000" + i);
        }
        root.put("accounts", accounts.stream().map(a -> Map.of("id", a, "name", "acct-" + a)).toList());
        int nVpcs = 2 + g.next(3);
        for (int i = 0; i < nVpcs; i++) {
            connectedTo.add(new HashSet<>(Set.of(i)));
        }
        root.put("connections", connections(nVpcs));
        for (int i = 0; i < nVpcs; i++) {
            vpcs.add(vpc(i));
        }
        root.put("vpcs", vpcs);
        List<Map<String, Object>> endpoints = new ArrayList<>();
        for (int i = 0; i < nVpcs; i++) {
            if (!g.oneIn(3)) {
                endpoints.add(Map.of("id", "vpce-" + i, "vpc", "vpc-" + i));
            }
        }
        root.put("vpcEndpoints", endpoints);
        List<Map<String, Object>> pls = new ArrayList<>();
        for (int i = 0, n = g.next(3); i < n; i++) {
            prefixLists.add("pl-" + i);
            pls.add(Map.of("id", "pl-" + i, "cidrs", List.copyOf(new LinkedHashSet<>(List.of(cidr(), cidr())))));
        }
        root.put("prefixLists", pls);
        root.put("securityGroups", groups(3 + g.next(10)));
        root.put("workloads", workloads(g.next(21)));
        root.put("apis", apis(1 + g.next(3)));
        return root;
    }

    private List<Map<String, Object>> connections(int nVpcs) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0, n = g.next(4); i < n; i++) {
            List<Integer> members = new ArrayList<>();
            boolean peering = !g.oneIn(3);
            for (int v = 0; v < nVpcs; v++) {
                if (g.next(2) == 1) {
                    members.add(v);
                }
            }
            if (peering || members.size() < 2) {
                int a = g.next(nVpcs);
                int b = (a + 1 + g.next(nVpcs - 1)) % nVpcs;
                members = List.of(a, b);
                peering = true;
            }
            for (int a : members) {
                connectedTo.get(a).addAll(members);
            }
            out.add(Map.of("type", peering ? "peering" : "transit-gateway", "vpcs", members.stream().map(v -> "vpc-" + v).toList()));
        }
        return out;
    }

    /** VPC i owns 10.i.0.0/16, or reuses an earlier space when no VPC is connected to both it and a user of that space. */
    private Map<String, Object> vpc(int i) {
        int space = i;
        if (g.oneIn(3)) {
            for (int candidate = 0; candidate < i && space == i; candidate++) {
                int s = candidate;
                boolean free = true;
                for (int k = 0; k < i; k++) {
                    free &= vpcSpace.get(k) != s || noCommonNeighbour(i, k);
                }
                space = free ? s : i;
            }
        }
        List<String> cidrs = new ArrayList<>(List.of("10." + space + ".0.0/16"));
        if (g.next(2) == 1) {
            cidrs.add("fd00:" + i + "::/48");
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", "vpc-" + i);
        v.put("account", g.pick(accounts));
        v.put("cidrs", cidrs);
        vpcSpace.add(space);
        return v;
    }

    private boolean noCommonNeighbour(int a, int b) {
        for (Set<Integer> c : connectedTo) {
            if (c.contains(a) && c.contains(b)) {
                return false;
            }
        }
        return true;
    }

    private String cidr() {
        int space = g.pick(vpcSpace);
        return switch (g.next(8)) {
            case 0 -> "10." + space + ".0.0/16";
            case 1 -> "10." + space + "." + g.next(3) + ".0/24";
            case 2 -> "10." + space + "." + g.next(3) + "." + g.next(4) + "/32";
            case 3 -> "0.0.0.0/0";
            case 4 -> "192.0.2.0/24";
            case 5 -> "fd00:" + g.next(vpcs.size()) + "::/64";
            case 6 -> "::/0";
            default -> "2001:db8::/32";
        };
    }

    private List<Map<String, Object>> groups(int n) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int vpc = g.next(vpcs.size());
            groupVpc.add(vpc);
            groupRef.add((g.oneIn(4) ? g.pick(accounts) : (String) vpcs.get(vpc).get("account")) + "/sg-" + i);
        }
        for (int i = 0; i < n; i++) {
            int vpc = groupVpc.get(i);
            String account = groupRef.get(i).substring(0, 12);
            Map<String, Object> sg = new LinkedHashMap<>();
            sg.put("id", "sg-" + i);
            sg.put("account", account);
            sg.put("vpc", "vpc-" + vpc);
            if (i > 0) {
                sg.put("includes", lowerRefs(i, account));
                sg.put("extends", lowerRefs(i, account));
            }
            List<Map<String, Object>> rules = new ArrayList<>();
            for (int r = 0, k = g.next(5); r < k; r++) {
                rules.add(rule(account, n));
            }
            sg.put("ingress", rules);
            out.add(sg);
        }
        return out;
    }

    /** Up to two distinct groups numbered below {@code i}, short form when in the same account. */
    private List<String> lowerRefs(int i, String account) {
        Set<String> refs = new LinkedHashSet<>();
        for (int k = 0, n = g.next(3); k < n; k++) {
            refs.add(ref(g.next(i), account));
        }
        return List.copyOf(refs);
    }

    private String ref(int group, String fromAccount) {
        String full = groupRef.get(group);
        return full.startsWith(fromAccount + "/") && g.next(2) == 0 ? full.substring(full.indexOf('/') + 1) : full;
    }

    private Map<String, Object> rule(String account, int nGroups) {
        Map<String, Object> r = new LinkedHashMap<>();
        String protocol = g.pick(PROTOCOLS);
        r.put("protocol", protocol);
        if ((protocol.equals("tcp") || protocol.equals("udp") || protocol.equals("6")) && g.next(3) != 0) {
            r.put("ports", g.pick(PORTS));
        }
        int kind = g.next(prefixLists.isEmpty() ? 2 : 3);
        if (kind == 0) {
            r.put("from", Map.of("group", ref(g.next(nGroups), account)));
        } else if (kind == 2) {
            r.put("from", Map.of("prefixList", g.pick(prefixLists)));
        } else {
            r.put("from", Map.of("cidr", cidr()));
        }
        if (g.oneIn(3)) {
            Map<String, Object> s = new LinkedHashMap<>();
            Set<String> days = new LinkedHashSet<>();
            for (int d = 0, n = g.next(4); d < n; d++) {
                days.add(g.pick(DAYS));
            }
            if (!days.isEmpty()) {
                s.put("days", List.copyOf(days));
            }
            String from = g.pick(TIMES);
            String to = g.pick(TIMES);
            s.put("from", from);
            s.put("to", to.equals(from) ? "23:59" : to);
            s.put("zone", g.pick(ZONES));
            r.put("schedule", s);
        }
        if (g.oneIn(3)) {
            r.put("expires", g.pick(INSTANTS).toString());
        }
        return r;
    }

    private List<Map<String, Object>> workloads(int n) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int vpc = g.next(vpcs.size());
            Set<String> addresses = new LinkedHashSet<>();
            for (int k = 0, m = 1 + g.next(2); k < m; k++) {
                String a = address(vpc);
                if (used.add(vpc + "|" + a)) {
                    addresses.add(a);
                }
            }
            if (addresses.isEmpty()) {
                continue;
            }
            List<String> inVpc = new ArrayList<>();
            for (int k = 0; k < groupVpc.size(); k++) {
                if (groupVpc.get(k) == vpc) {
                    inVpc.add(groupRef.get(k));
                }
            }
            Set<String> groups = new LinkedHashSet<>();
            for (int k = 0, m = inVpc.isEmpty() ? 0 : g.next(3); k < m; k++) {
                groups.add(g.pick(inVpc));
            }
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("id", "w-" + i);
            w.put("account", vpcs.get(vpc).get("account"));
            w.put("vpc", "vpc-" + vpc);
            w.put("addresses", List.copyOf(addresses));
            w.put("groups", List.copyOf(groups));
            out.add(w);
        }
        return out;
    }

    /** An address of VPC {@code vpc}: IPv4 near the rule CIDRs above, or IPv6 when the VPC has IPv6 space. */
    public String address(int vpc) {
        @SuppressWarnings("unchecked")
        List<String> cidrs = (List<String>) vpcs.get(vpc).get("cidrs");
        if (cidrs.size() > 1 && g.oneIn(3)) {
            return "fd00:" + vpc + "::" + Integer.toHexString(g.next(6));
        }
        return "10." + vpcSpace.get(vpc) + "." + g.next(3) + "." + g.next(6);
    }

    private List<Map<String, Object>> apis(int n) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int first = g.next(groupRef.size());
            int vpc = groupVpc.get(first);
            Set<String> attached = new LinkedHashSet<>(List.of(groupRef.get(first)));
            int second = g.next(groupRef.size());
            if (groupVpc.get(second) == vpc) {
                attached.add(groupRef.get(second));
            }
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("name", "api-" + i);
            a.put("account", vpcs.get(vpc).get("account"));
            a.put("vpc", "vpc-" + vpc);
            a.put("listen", "0.0.0.0:" + (9000 + i));
            a.put("securityGroups", List.copyOf(attached));
            out.add(a);
        }
        return out;
    }
}
