package io.portcullis.site.internal;

import io.portcullis.config.Account;
import io.portcullis.config.Api;
import io.portcullis.config.AwsApi;
import io.portcullis.config.GroupRef;
import io.portcullis.config.IngressRule;
import io.portcullis.config.Peer;
import io.portcullis.config.SecurityGroup;
import io.portcullis.runtime.reach.ApiAccess;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The diagrams: groups and APIs with the references between them, for one API and for the whole estate. Nodes are
 * clustered by account. What the reader did not ask for is collapsed so a diagram stays readable at thousands of
 * groups: an API's diagram shows its groups, the peers of their rules and up to {@value #EXPANDED} groups included
 * under those, the rest as one node per VPC ("12 more groups"); the estate diagram shows every group and reference
 * up to {@value #ESTATE_DETAIL} groups, and beyond that the APIs with the groups their rules name collapsed into one
 * node per VPC, each edge labelled with the number of rules it stands for. API Gateway APIs are drawn by
 * {@link AwsDiagrams}.
 */
public final class Diagrams {

    static final int EXPANDED = 30;
    static final int ESTATE_DETAIL = 60;

    private final Facts facts;
    private final Map<String, String> accountNames = new TreeMap<>();

    public Diagrams(Facts facts) {
        this.facts = facts;
        for (Account a : facts.config().accounts()) {
            accountNames.put(a.id(), a.name());
        }
    }

    /** The rules that guard {@code api}: its groups' and the groups they extend, as (group, index, rule). */
    List<Rule> rules(Api api) {
        List<Rule> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        List<GroupRef> queue = new ArrayList<>(api.securityGroups());
        for (int i = 0; i < queue.size(); i++) {
            SecurityGroup g = facts.group(queue.get(i).key());
            if (g == null || !seen.add(g.key())) {
                continue;
            }
            for (int r = 0; r < g.ingress().size(); r++) {
                out.add(new Rule(g, r, g.ingress().get(r)));
            }
            queue.addAll(g.extendsGroups());
        }
        return out;
    }

    record Rule(SecurityGroup group, int index, IngressRule rule) {}

    /** The diagram of an API Gateway API: its ways in and the callers each admits ({@link AwsDiagrams}). */
    public Graph awsApi(AwsApi api, ApiAccess access) {
        return new AwsDiagrams(this).api(api, access);
    }

    public Graph api(Api api) {
        Graph g = new Graph("API " + api.name() + ": who its rules name");
        cluster(g, api.account());
        g.node("api", new Graph.Node("API " + api.name() + "\n" + api.listen(), "box3d", api.account(), Ids.api(api.name())));
        List<String> expandFrom = new ArrayList<>();
        for (GroupRef ref : api.securityGroups()) {
            group(g, ref.key());
            g.edge(ref.key(), "api", "attached", false);
        }
        for (Rule r : rules(api)) {
            group(g, r.group().key());
            for (GroupRef e : r.group().extendsGroups()) {
                group(g, e.key());
                g.edge(e.key(), r.group().key(), "extended by", true);
            }
            String peer = peer(g, r.rule().from());
            g.edge(peer, r.group().key(), r.rule().protocolAndPorts() + (r.rule().isException() ? " (exception)" : ""), r.rule().isException());
            if (r.rule().from() instanceof Peer.Group pg) {
                expandFrom.add(pg.group().key());
            }
        }
        includes(g, expandFrom);
        return g;
    }

    /** Groups included under {@code roots}, breadth first, up to {@link #EXPANDED}; the rest collapsed per VPC. */
    private void includes(Graph g, List<String> roots) {
        List<String> queue = new ArrayList<>(roots);
        Set<String> seen = new LinkedHashSet<>(roots);
        int shown = 0;
        Map<String, Integer> collapsed = new TreeMap<>();
        Map<String, Set<String>> collapsedParents = new TreeMap<>();
        for (int i = 0; i < queue.size(); i++) {
            SecurityGroup parent = facts.group(queue.get(i));
            if (parent == null) {
                continue;
            }
            for (GroupRef child : parent.includes()) {
                if (!seen.add(child.key())) {
                    if (g.has(child.key())) {
                        g.edge(child.key(), parent.key(), "included in", true);
                    }
                    continue;
                }
                SecurityGroup c = facts.group(child.key());
                if (shown < EXPANDED || c == null) {
                    shown++;
                    group(g, child.key());
                    g.edge(child.key(), parent.key(), "included in", true);
                    queue.add(child.key());
                } else {
                    String key = "more:" + c.account() + "/" + c.vpc();
                    collapsed.merge(key, 1, Integer::sum);
                    collapsedParents.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(parent.key());
                    cluster(g, c.account());
                }
            }
        }
        collapsed.forEach((key, n) -> {
            String[] parts = key.substring(5).split("/", 2);
            g.node(key, new Graph.Node(n + " more groups\nin " + parts[1] + " (collapsed)", "folder", parts[0], ""));
            collapsedParents.get(key).forEach(p -> g.edge(key, p, "included in", true));
        });
    }

    public Graph estate() {
        List<SecurityGroup> all = facts.groups();
        int aws = facts.aws().apis().size();
        Graph g = new Graph("The estate: " + facts.apis().size() + " APIs, " + (aws == 0 ? "" : aws + " AWS APIs, ")
                + all.size() + " groups");
        if (all.size() <= ESTATE_DETAIL) {
            all.forEach(x -> group(g, x.key()));
            for (Api api : facts.apis()) {
                apiNode(g, api);
                api.securityGroups().forEach(r -> g.edge(r.key(), api.name(), "attached", false));
            }
            for (SecurityGroup x : all) {
                x.includes().forEach(c -> {
                    group(g, c.key());
                    g.edge(c.key(), x.key(), "included in", true);
                });
                x.extendsGroups().forEach(e -> {
                    group(g, e.key());
                    g.edge(e.key(), x.key(), "extended by", true);
                });
                for (IngressRule r : x.ingress()) {
                    g.edge(peer(g, r.from()), x.key(), r.protocolAndPorts(), r.isException());
                }
            }
            new AwsDiagrams(this).estate(g, facts.aws(), true);
            return g;
        }
        // Collapsed: each API with, per VPC, the groups its rules name, counted.
        for (Api api : facts.apis()) {
            apiNode(g, api);
            Map<String, Integer> counts = new TreeMap<>();
            for (Rule r : rules(api)) {
                String node;
                if (r.rule().from() instanceof Peer.Group pg && facts.group(pg.group().key()) != null) {
                    SecurityGroup s = facts.group(pg.group().key());
                    node = "vpc:" + s.account() + "/" + s.vpc();
                    cluster(g, s.account());
                    g.node(node, new Graph.Node("groups in " + s.vpc(), "folder", s.account(), ""));
                } else {
                    // Addresses beside the API they reach: one shared cluster would draw an edge across the whole estate.
                    String text = Lines.source(r.rule().from());
                    node = "addr:" + api.account() + ":" + text;
                    g.node(node, new Graph.Node(text, "ellipse", api.account(), ""));
                }
                counts.merge(node, 1, Integer::sum);
            }
            counts.forEach((node, n) -> g.edge(node, api.name(), n + (n == 1 ? " rule" : " rules"), false));
        }
        new AwsDiagrams(this).estate(g, facts.aws(), false);
        return g;
    }

    private void apiNode(Graph g, Api api) {
        cluster(g, api.account());
        g.node(api.name(), new Graph.Node("API " + api.name(), "box3d", api.account(), Ids.api(api.name())));
    }

    /** Adds group {@code key} (its VPC and direct member count) to {@code g}, in its account's cluster. */
    void group(Graph g, String key) {
        SecurityGroup s = facts.group(key);
        String account = key.substring(0, key.indexOf('/'));
        cluster(g, account);
        int members = facts.directMembers(key);
        String label = key.substring(key.indexOf('/') + 1) + (s == null ? "\n(not declared)" : "\n" + s.vpc())
                + (members == 0 ? "" : "\n" + members + (members == 1 ? " member" : " members"));
        g.node(key, new Graph.Node(label, "box", account, s == null ? "" : Ids.group(key)));
    }

    private String peer(Graph g, Peer from) {
        if (from instanceof Peer.Group pg) {
            group(g, pg.group().key());
            return pg.group().key();
        }
        return address(g, Lines.source(from));
    }

    /** Adds a CIDR or prefix list to the addresses' cluster; returns its node key. */
    String address(Graph g, String text) {
        g.cluster("~addresses", "addresses");
        g.node("addr:" + text, new Graph.Node(text, "ellipse", "~addresses", ""));
        return "addr:" + text;
    }

    /** Adds the cluster of {@code account}, named as the configuration names it. */
    void cluster(Graph g, String account) {
        String name = accountNames.get(account);
        g.cluster(account, "account " + account + (name == null || name.isEmpty() ? "" : " (" + name + ")"));
    }
}
