package io.portcullis.analysis.findings;

import io.portcullis.config.Api;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.SecurityGroup;
import io.portcullis.engine.AccessEngine;
import io.portcullis.engine.ApiRef;
import io.portcullis.engine.Explainer;
import io.portcullis.engine.Explanation;
import io.portcullis.engine.Snapshot;
import io.portcullis.engine.SourceSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every reachability fact the rules use, decided by the engine on one compiled snapshot, never by matching rules
 * here. The engine decides for APIs; to ask the same question of a security group that no API carries (an
 * instance's, an endpoint's), the snapshot is compiled with one probe API per group, in the group's VPC and
 * carrying that group alone, so "who reaches the group" is "who reaches its probe".
 *
 * <p>Who reaches a target is {@link io.portcullis.engine.Reachability} (callers by class: workloads of one VPC with
 * the same groups decided once, partners, CIDRs of rules in force), so a question costs O(caller classes) rather
 * than O(workloads). The rules that need only ranges or only partners (wide sources, risky ports, partners of
 * another account) ask for those alone ({@link #groupRanges}, {@link #groupPartners}): O(rules) or O(partners),
 * never looking at workloads, so the estate's group × port questions stay linear. One membership question
 * ({@link #groupReaches}) is {@link Explainer#check}. Answers are memoised per (target, protocol, port): several
 * rules ask the same question. Thread-safe: the checks run side by side; the engine's queries only read the
 * snapshot, and a range or partner answer is the same whether it is read from a full answer memoised by another
 * check or asked on its own.
 */
final class Reachability {

    /** Who is admitted, by one rule: {@code kind} is workload, partner or cidr; {@code subjects} the ids or the range. */
    record Caller(String kind, List<String> subjects, String account, String rule, String detail) {}

    private final Snapshot snapshot;
    private final Explainer explainer;
    private final io.portcullis.engine.Reachability classes;
    private final Instant now;
    private final Map<String, List<Caller>> memo = new ConcurrentHashMap<>();

    Reachability(PortcullisConfig config, Instant now) {
        List<Api> apis = new ArrayList<>(config.apis());
        for (SecurityGroup g : config.securityGroups()) {
            apis.add(new Api(probe(g), g.account(), g.vpc(), "0.0.0.0", 1, List.of(g.ref())));
        }
        PortcullisConfig probed = new PortcullisConfig(config.accounts(), config.vpcs(), config.connections(),
                config.vpcEndpoints(), config.prefixLists(), config.securityGroups(), config.workloads(),
                config.partners(), apis, config.awsApis(), config.node());
        this.snapshot = AccessEngine.compile(probed).snapshot();
        this.explainer = new Explainer(snapshot);
        this.classes = io.portcullis.engine.Reachability.of(snapshot);
        this.now = now;
    }

    /** The compiled snapshot: the configuration's APIs (under their names) and the groups' probes. */
    Snapshot snapshot() {
        return snapshot;
    }

    /** The probe API of a group; API names cannot contain a space, so it never clashes with a declared one. */
    static String probe(SecurityGroup g) {
        return "group " + g.key();
    }

    /** Who reaches the API on its listen port (TCP), from any VPC (callers come through endpoints). */
    List<Caller> api(Api api) {
        return reach(api.name(), 6, api.listenPort(), io.portcullis.engine.Reachability.Scope.ANY_VPC);
    }

    /** Who reaches members of the group on {@code protocol}/{@code port}: workloads of connected VPCs, partners, ranges. */
    List<Caller> group(SecurityGroup g, int protocol, int port) {
        return reach(probe(g), protocol, port, io.portcullis.engine.Reachability.Scope.CONNECTED_VPCS);
    }

    /**
     * The ranges (the {@code cidr} callers of {@link #api}) admitted to the API on its listen port: read from its
     * compiled rules without deciding for any workload, which is all the range rules need.
     */
    List<Caller> apiRanges(Api api) {
        return only("cidr", api.name(), 6, api.listenPort());
    }

    /** The ranges (the {@code cidr} callers of {@link #group}) admitted to members of the group, from its rules alone. */
    List<Caller> groupRanges(SecurityGroup g, int protocol, int port) {
        return only("cidr", probe(g), protocol, port);
    }

    /** The partners (the {@code partner} callers of {@link #api}) admitted to the API on its listen port. */
    List<Caller> apiPartners(Api api) {
        return only("partner", api.name(), 6, api.listenPort());
    }

    /** The partners (the {@code partner} callers of {@link #group}) admitted to members of the group. */
    List<Caller> groupPartners(SecurityGroup g, int protocol, int port) {
        return only("partner", probe(g), protocol, port);
    }

    /** The engine's explanation of whether a member of {@code source} reaches {@code target}. */
    Explanation groupReaches(SecurityGroup source, String target, int protocol, int port) {
        return explainer.check(new SourceSpec.OfGroup(source.account(), source.id()), target, protocol, port, now);
    }

    private List<Caller> reach(String target, int protocol, int port, io.portcullis.engine.Reachability.Scope scope) {
        return memo.computeIfAbsent(target + '\n' + protocol + '\n' + port,
                k -> callers(classes.reach(snapshot.api(target).orElseThrow(), protocol, port, now, scope)));
    }

    /**
     * One kind of caller only, asked of the engine's matching query rather than filtered out of a full answer:
     * ranges and partners do not depend on the workloads, so the question costs O(rules) or O(partners), not
     * O(caller classes). Scope does not matter to either (it selects workload classes alone).
     */
    private List<Caller> only(String kind, String target, int protocol, int port) {
        List<Caller> full = memo.get(target + '\n' + protocol + '\n' + port);
        if (full != null) {
            return full.stream().filter(c -> c.kind().equals(kind)).toList();
        }
        return memo.computeIfAbsent(kind + '\n' + target + '\n' + protocol + '\n' + port, k -> {
            ApiRef ref = snapshot.api(target).orElseThrow();
            return callers(kind.equals("cidr") ? classes.cidrs(ref, protocol, port, now) : classes.partners(ref, protocol, port, now));
        });
    }

    private static List<Caller> callers(List<io.portcullis.engine.Reachability.Reached> reached) {
        List<Caller> out = new ArrayList<>();
        for (io.portcullis.engine.Reachability.Reached r : reached) {
            String kind = switch (r.kind()) {
                case WORKLOADS -> "workload";
                case PARTNER -> "partner";
                case CIDR -> "cidr";
            };
            List<String> subjects = r.kind() == io.portcullis.engine.Reachability.Reached.Kind.WORKLOADS ? r.workloads() : List.of(r.subject());
            out.add(new Caller(kind, subjects, r.account(), r.rule().decidedBy(), r.rule().detail()));
        }
        return out;
    }
}
