package io.portcullis.site.internal;

import io.portcullis.config.Api;
import io.portcullis.config.GroupRef;
import io.portcullis.config.IngressRule;
import io.portcullis.config.Partner;
import io.portcullis.config.Peer;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.Protocol;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.Workload;
import io.portcullis.engine.Explainer;
import io.portcullis.engine.Explanation;
import io.portcullis.engine.SourceSpec;
import io.portcullis.runtime.reach.ApiAccess;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the pages say, asked of the engine once: who reaches each API ({@link Explainer#whoCanReach}, the answer
 * {@code who-can-reach} prints) with each workload's rule chain ({@link Explainer#check}'s path), and what each
 * group grants ({@link Explainer#check} for a member of the group). The rest (members, references, exceptions) is
 * read from the configuration as declared. Nothing here decides access.
 *
 * <p>Cost: one {@code whoCanReach} per API (kept: the API's page and the reachability map both read it); one {@code check} per distinct (admitting rule, VPC, direct groups) of
 * the workloads it admits (the path depends on nothing else, so it is asked once and its first step, the
 * workload, put back); one group {@code check} per (group, API).
 */
public final class Facts {

    /** One caller admitted to an API, with the chain from it to the rule (the engine's path). */
    public record Reached(Explainer.Reach reach, List<String> chain) {}

    /** A group that includes this one, a rule naming it, an API or endpoint it is attached to. */
    public record Reference(String kind, String from, String account, String detail, String href) {}

    /** A member of a group: a workload or partner, directly or through the included group {@code through}. */
    public record Member(String kind, String id, String account, String through) {}

    /** An API a member of the group reaches, and the rule that admits it. */
    public record Grant(String api, String rule, String detail) {}

    public record ExceptionRule(SecurityGroup group, int index, IngressRule rule) {}

    private final PortcullisConfig config;
    private final Explainer explainer;
    private final Instant at;
    private final Map<String, SecurityGroup> groups = new LinkedHashMap<>();
    private final Map<String, List<Reference>> references = new HashMap<>();
    private final Map<String, List<Member>> directMembers = new HashMap<>();
    /** {@link #reach} by API name: the API's page and the reachability map ask for the same answer. */
    private final Map<String, List<Reached>> reached = new java.util.concurrent.ConcurrentHashMap<>();

    private final AwsFacts aws;

    /** {@code awsAccess}: who can invoke each AWS API, by id, at {@code at} ({@link AwsFacts#byId}). */
    public Facts(PortcullisConfig config, Explainer explainer, Map<String, ApiAccess> awsAccess, Instant at) {
        this.config = config;
        this.explainer = explainer;
        this.at = at;
        this.aws = new AwsFacts(config, awsAccess);
        config.securityGroups().forEach(g -> groups.put(g.key(), g));
        index();
    }

    public PortcullisConfig config() {
        return config;
    }

    public Instant at() {
        return at;
    }

    /** The API Gateway APIs ({@code awsApis[]}) and who can invoke them. */
    public AwsFacts aws() {
        return aws;
    }

    /** Groups by key, sorted by key. */
    public List<SecurityGroup> groups() {
        return groups.values().stream().sorted(Comparator.comparing(SecurityGroup::key)).toList();
    }

    public SecurityGroup group(String key) {
        return groups.get(key);
    }

    /** APIs sorted by name. */
    public List<Api> apis() {
        return config.apis().stream().sorted(Comparator.comparing(Api::name)).toList();
    }

    /** {@code who-can-reach API} on the API's own protocol and port, at the site's instant, with rule chains. */
    public List<Reached> reach(Api api) {
        return reached.computeIfAbsent(api.name(), k -> askReach(api));
    }

    private List<Reached> askReach(Api api) {
        List<Explainer.Reach> reach = explainer.whoCanReach(api.name(), Protocol.TCP.number(), null, at);
        Map<String, Workload> byId = new HashMap<>();
        config.workloads().forEach(w -> byId.put(w.id(), w));
        Map<String, List<String>> tails = new HashMap<>();
        List<Reached> out = new ArrayList<>(reach.size());
        for (Explainer.Reach r : reach) {
            Workload w = "workload".equals(r.kind()) ? byId.get(r.subject()) : null;
            if (w == null || !r.now()) {
                out.add(new Reached(r, List.of(r.rule() + " " + r.detail())));
                continue;
            }
            String key = r.rule() + '\n' + w.vpc() + '\n' + w.groups();
            List<String> tail = tails.computeIfAbsent(key, k -> {
                Explanation e = explainer.check(new SourceSpec.OfWorkload(w.id()), api.name(), Protocol.TCP.number(), null, at);
                return e.path().isEmpty() ? List.of() : e.path().subList(1, e.path().size());
            });
            List<String> chain = new ArrayList<>(tail.size() + 1);
            chain.add("workload " + w.id());
            chain.addAll(tail);
            out.add(new Reached(r, chain));
        }
        return List.copyOf(out);
    }

    /** Every API a member of {@code g} reaches (a member with no address: its groups alone), by the engine. */
    public List<Grant> grants(SecurityGroup g) {
        List<Grant> out = new ArrayList<>();
        for (Api api : apis()) {
            Explanation e = explainer.check(new SourceSpec.OfGroup(g.account(), g.id()), api.name(), Protocol.TCP.number(), null, at);
            if (e.decision().allowed()) {
                out.add(new Grant(api.name(), e.decision().decidedBy(), e.decision().detail()));
            }
        }
        return out;
    }

    /** Workloads and partners that carry {@code g}, then those of every group it includes (transitively). */
    public List<Member> members(SecurityGroup g) {
        List<Member> out = new ArrayList<>(directMembers.getOrDefault(g.key(), List.of()));
        Map<String, String> seen = new TreeMap<>();
        List<GroupRef> queue = new ArrayList<>(g.includes());
        for (int i = 0; i < queue.size(); i++) {
            GroupRef ref = queue.get(i);
            if (ref.key().equals(g.key()) || seen.putIfAbsent(ref.key(), ref.key()) != null) {
                continue;
            }
            for (Member m : directMembers.getOrDefault(ref.key(), List.of())) {
                out.add(new Member(m.kind(), m.id(), m.account(), ref.key()));
            }
            SecurityGroup child = groups.get(ref.key());
            if (child != null) {
                queue.addAll(child.includes());
            }
        }
        return out;
    }

    /** How many workloads and partners carry {@code key} themselves. */
    public int directMembers(String key) {
        return directMembers.getOrDefault(key, List.of()).size();
    }

    /** What names {@code g}: groups including or extending it, rules admitting it, APIs and endpoints it guards. */
    public List<Reference> references(SecurityGroup g) {
        return references.getOrDefault(g.key(), List.of());
    }

    /** Every exception (a rule that expires or is marked so), by expiry (none last), then group and rule. */
    public List<ExceptionRule> exceptions() {
        List<ExceptionRule> out = new ArrayList<>();
        for (SecurityGroup g : groups()) {
            for (int i = 0; i < g.ingress().size(); i++) {
                if (g.ingress().get(i).isException()) {
                    out.add(new ExceptionRule(g, i, g.ingress().get(i)));
                }
            }
        }
        out.sort(Comparator.comparing((ExceptionRule e) -> e.rule().expires().orElse(Instant.MAX))
                .thenComparing(e -> e.group().key()).thenComparingInt(ExceptionRule::index));
        return out;
    }

    private void index() {
        for (Workload w : config.workloads()) {
            w.groups().forEach(r -> directMembers.computeIfAbsent(r.key(), k -> new ArrayList<>())
                    .add(new Member("workload", w.id(), w.account(), "")));
        }
        for (Partner p : config.partners()) {
            p.groups().forEach(r -> directMembers.computeIfAbsent(r.key(), k -> new ArrayList<>())
                    .add(new Member("partner", p.id(), p.account(), "")));
        }
        directMembers.values().forEach(l -> l.sort(Comparator.comparing(Member::kind).thenComparing(Member::id)));
        for (SecurityGroup g : groups()) {
            g.includes().forEach(r -> ref(r, new Reference("includes", g.key(), g.account(), "members of this group are members of "
                    + g.key(), Ids.group(g.key()))));
            g.extendsGroups().forEach(r -> ref(r, new Reference("extends", g.key(), g.account(), g.key()
                    + " also carries this group's rules", Ids.group(g.key()))));
            for (int i = 0; i < g.ingress().size(); i++) {
                IngressRule rule = g.ingress().get(i);
                if (rule.from() instanceof Peer.Group pg) {
                    ref(pg.group(), new Reference("ingress rule", g.key() + " ingress[" + i + "]", g.account(),
                            rule.protocolAndPorts() + (rule.description().isEmpty() ? "" : " (" + rule.description() + ")")
                                    + rule.expires().map(x -> "; expires " + x).orElse(""),
                            Ids.group(g.key())));
                }
            }
        }
        for (Api a : apis()) {
            a.securityGroups().forEach(r -> ref(r, new Reference("API", a.name(), a.account(), "attached to API " + a.name()
                    + " at " + a.listen(), Ids.api(a.name()))));
        }
        config.vpcEndpoints().forEach(e -> e.securityGroups().forEach(r -> ref(r, new Reference("VPC endpoint", e.id(),
                e.account(), "attached to endpoint " + e.id() + " in " + e.vpc(), ""))));
    }

    private void ref(GroupRef to, Reference r) {
        references.computeIfAbsent(to.key(), k -> new ArrayList<>()).add(r);
    }
}
