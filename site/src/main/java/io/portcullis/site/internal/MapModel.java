package io.portcullis.site.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.config.Account;
import io.portcullis.config.Api;
import io.portcullis.config.BoundaryTags;
import io.portcullis.config.IngressRule;
import io.portcullis.config.Partner;
import io.portcullis.config.Peer;
import io.portcullis.config.Problem;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.SourceMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reachability map's model as JSON (docs/living-docs.md#the-reachability-map): groups, APIs, partners and
 * address sources as nodes; the references between them as edges, each with the rules that make it; and for each
 * API who can reach it. Every fact comes from {@link Facts} (who reaches an API is the engine's
 * {@code who-can-reach} with each workload's {@code check} path) and {@link Diagrams#rules} (the rules that guard an
 * API, as its page lists them); tenant and tier are {@link BoundaryTags}'s, so the map draws the tenant lines the
 * analysis and the isolation matrix draw. It decides nothing.
 *
 * <p>Edge kinds: {@code admits} (a peer to an API: the API's rules naming it), {@code rule} (a peer to the group
 * carrying rules naming it), {@code includes} (a group to the group including it), {@code extends} (a group to the
 * group extending it), {@code attached} (a group to an API) and {@code member} (a partner to its group). Output is
 * deterministic: nodes and edges in a fixed order, no time but the plan's instant.
 */
public final class MapModel {

    /** The model's format; a renderer refuses another major version. */
    public static final int VERSION = 1;

    private final Facts facts;
    private final SourceMap sources;
    private final BoundaryTags tags;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ObjectNode root = json.createObjectNode();
    private final ArrayNode nodes;
    private final ArrayNode edges;
    private final Map<String, ObjectNode> nodeById = new LinkedHashMap<>();
    private final Map<String, ObjectNode> edgeByKey = new HashMap<>();
    private final Map<String, Integer> groupIndex = new HashMap<>();

    private MapModel(Facts facts, String digest, SourceMap sources) {
        this.facts = facts;
        this.sources = sources;
        this.tags = new BoundaryTags(facts.config());
        for (int i = 0; i < facts.config().securityGroups().size(); i++) {
            groupIndex.put(facts.config().securityGroups().get(i).key(), i);
        }
        root.put("version", VERSION).put("digest", digest).put("at", facts.at().toString());
        ArrayNode accounts = root.putArray("accounts");
        for (Account a : facts.config().accounts().stream().sorted(java.util.Comparator.comparing(Account::id)).toList()) {
            ObjectNode n = accounts.addObject().put("id", a.id()).put("name", a.name());
            boundary(n, tags.ofAccount(a.id()).get("tenant"), tags.ofAccount(a.id()).get("tier"));
        }
        nodes = root.putArray("nodes");
        edges = root.putArray("edges");
    }

    /** The model of {@code facts}' plan ({@code digest}); {@code sources} places each element (null: not placed). */
    public static String json(Facts facts, String digest, SourceMap sources) {
        return new MapModel(facts, digest, sources).build();
    }

    private String build() {
        List<SecurityGroup> groups = facts.groups();
        groups.forEach(g -> group(g.key()));
        Diagrams diagrams = new Diagrams(facts);
        for (Api api : facts.apis()) {
            ObjectNode n = boundary(node("api:" + api.name(), "api", api.name(), api.account()).put("vpc", api.vpc()),
                    tags.of(api, "tenant"), tags.of(api, "tier")).put("listen", api.listen()).put("purpose", api.purpose()).put("owner", api.owner())
                    .put("href", Ids.api(api.name()) + ".html");
            where(n, "apis[" + facts.config().apis().indexOf(api) + "]");
            ArrayNode reach = n.putArray("reach");
            for (Facts.Reached r : facts.reach(api)) {
                ObjectNode x = reach.addObject().put("kind", r.reach().kind()).put("subject", r.reach().subject())
                        .put("rule", r.reach().rule()).put("detail", r.reach().detail()).put("now", r.reach().now());
                r.chain().forEach(x.putArray("chain")::add);
            }
            api.securityGroups().forEach(ref -> edge(group(ref.key()), "api:" + api.name(), "attached"));
            for (Diagrams.Rule r : diagrams.rules(api)) {
                rule(edge(peer(r.rule().from()), "api:" + api.name(), "admits"), r.group(), r.index(), r.rule());
            }
        }
        for (SecurityGroup g : groups) {
            g.includes().forEach(c -> edge(group(c.key()), group(g.key()), "includes"));
            g.extendsGroups().forEach(e -> edge(group(e.key()), group(g.key()), "extends"));
            for (int i = 0; i < g.ingress().size(); i++) {
                rule(edge(peer(g.ingress().get(i).from()), group(g.key()), "rule"), g, i, g.ingress().get(i));
            }
        }
        List<Partner> partners = facts.config().partners().stream().sorted(java.util.Comparator.comparing(Partner::id)).toList();
        for (Partner p : partners) {
            ObjectNode n = boundary(node("partner:" + p.id(), "partner", p.id(), p.account()), tags.of(p, "tenant"), tags.of(p, "tier"));
            p.cidrs().forEach(n.putArray("cidrs")::add);
            where(n, "partners[" + facts.config().partners().indexOf(p) + "]");
            p.groups().forEach(ref -> edge("partner:" + p.id(), group(ref.key()), "member"));
        }
        try {
            return json.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the reachability map could not be written as JSON", e);
        }
    }

    /** The node of group {@code key} (declared or only referenced), added on first use; returns its id. */
    private String group(String key) {
        String id = "group:" + key;
        if (nodeById.containsKey(id)) {
            return id;
        }
        SecurityGroup g = facts.group(key);
        String account = key.substring(0, key.indexOf('/'));
        ObjectNode n = node(id, "group", key.substring(key.indexOf('/') + 1), account).put("key", key);
        if (g == null) {
            boundary(n.put("declared", false), tags.value(Map.of(), account, "tenant"), tags.value(Map.of(), account, "tier"));
            return id;
        }
        boundary(n.put("vpc", g.vpc()), tags.of(g, "tenant"), tags.of(g, "tier")).put("members", facts.directMembers(key)).put("purpose", g.purpose().isEmpty() ? g.description() : g.purpose())
                .put("owner", g.owner()).put("href", Ids.group(key) + ".html");
        where(n, "securityGroups[" + groupIndex.get(key) + "]");
        return id;
    }

    /** The node a rule's peer is: its group, CIDR or prefix list (with its ranges). */
    private String peer(Peer from) {
        if (from instanceof Peer.Group pg) {
            return group(pg.group().key());
        }
        String text = Lines.source(from);
        String id = (from instanceof Peer.Cidr ? "cidr:" : "prefix-list:") + text;
        if (!nodeById.containsKey(id)) {
            ObjectNode n = node(id, from instanceof Peer.Cidr ? "cidr" : "prefix-list", text, "");
            if (from instanceof Peer.PrefixListRef pl) {
                ArrayNode cidrs = n.putArray("cidrs");
                facts.config().prefixLists().stream().filter(x -> x.id().equals(pl.prefixList())).findFirst()
                        .ifPresent(x -> x.cidrs().forEach(cidrs::add));
            }
        }
        return id;
    }

    /** The subject's tenant and tier ({@link BoundaryTags}: its own tag, else its account's), when it has them. */
    private static ObjectNode boundary(ObjectNode n, String tenant, String tier) {
        if (tenant != null) {
            n.put("tenant", tenant);
        }
        if (tier != null) {
            n.put("tier", tier);
        }
        return n;
    }

    private ObjectNode node(String id, String kind, String name, String account) {
        ObjectNode n = nodes.addObject().put("id", id).put("kind", kind).put("name", name).put("account", account);
        nodeById.put(id, n);
        return n;
    }

    /** The edge {@code from → to} of {@code kind}, added once. */
    private ObjectNode edge(String from, String to, String kind) {
        return edgeByKey.computeIfAbsent(kind + '\n' + from + '\n' + to, k -> {
            ObjectNode e = edges.addObject().put("id", "e" + edges.size()).put("kind", kind).put("from", from).put("to", to);
            if ("admits".equals(kind) || "rule".equals(kind)) {
                e.putArray("rules");
            }
            return e;
        });
    }

    /** Adds rule {@code index} of {@code g} to the edge: its id (as decisions name it), traffic, window, why, where. */
    private void rule(ObjectNode edge, SecurityGroup g, int index, IngressRule r) {
        ObjectNode x = ((ArrayNode) edge.get("rules")).addObject().put("id", g.key() + " ingress[" + index + "]")
                .put("group", g.key()).put("from", Lines.source(r.from())).put("traffic", r.protocolAndPorts())
                .put("when", Lines.when(r));
        r.schedule().ifPresent(s -> x.put("schedule", s.toString()));
        r.expires().ifPresent(e -> x.put("expires", e.toString()).put("expired", !e.isAfter(facts.at())));
        x.put("exception", r.isException()).put("description", r.description()).put("justification", r.justification());
        Integer gi = groupIndex.get(g.key());
        if (gi != null) {
            where(x, "securityGroups[" + gi + "].ingress[" + index + "]");
        }
    }

    /** {@code where}: the file, line and column {@code path} was written at, as validate places it. */
    private void where(ObjectNode n, String path) {
        if (sources == null) {
            return;
        }
        Problem p = sources.problem(Problem.Severity.WARNING, path, "");
        if (!p.file().isEmpty()) {
            n.put("where", p.file() + (p.line() > 0 ? ":" + p.line() + ":" + p.column() : ""));
        }
    }
}
