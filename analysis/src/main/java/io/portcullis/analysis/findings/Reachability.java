package io.portcullis.analysis.findings;

import io.portcullis.config.Api;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.SecurityGroup;
import io.portcullis.engine.AccessEngine;
import io.portcullis.engine.Explainer;
import io.portcullis.engine.Explanation;
import io.portcullis.engine.Snapshot;
import io.portcullis.engine.SourceSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every reachability fact the rules use, decided by the engine ({@link Explainer} on one compiled snapshot),
 * never by matching rules here. The engine decides for APIs; to ask the same question of a security group that no
 * API carries (an instance's, an endpoint's), the snapshot is compiled with one probe API per group, in the
 * group's VPC and carrying that group alone, so "who reaches the group" is "who reaches its probe".
 *
 * <p>Answers are memoised per (target, protocol, port): several rules ask the same question.
 */
final class Reachability {

    private final Explainer explainer;
    private final Snapshot snapshot;
    private final Instant now;
    private final Map<String, List<Explainer.Reach>> memo = new HashMap<>();

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

    /** Who reaches the API on its listen port (TCP), with the admitting rule of each. */
    List<Explainer.Reach> api(Api api) {
        return reach(api.name(), 6, api.listenPort());
    }

    /** Who reaches members of the group on {@code protocol}/{@code port}. */
    List<Explainer.Reach> group(SecurityGroup g, int protocol, int port) {
        return reach(probe(g), protocol, port);
    }

    /** The engine's explanation of whether a member of {@code source} reaches {@code target}. */
    Explanation groupReaches(SecurityGroup source, String target, int protocol, int port) {
        return explainer.check(new SourceSpec.OfGroup(source.account(), source.id()), target, protocol, port, now);
    }

    private List<Explainer.Reach> reach(String target, int protocol, int port) {
        return memo.computeIfAbsent(target + '\n' + protocol + '\n' + port,
                k -> explainer.whoCanReach(target, protocol, port, now));
    }
}
