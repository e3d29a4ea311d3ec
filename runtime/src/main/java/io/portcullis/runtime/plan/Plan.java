package io.portcullis.runtime.plan;

import static java.util.Objects.requireNonNull;

import io.portcullis.config.Problem;
import io.portcullis.config.SourceMap;
import io.portcullis.config.digest.PlanDigest;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.api.JwtConfig;
import io.portcullis.engine.AccessEngine;
import io.portcullis.gateway.settings.ApiSettings;
import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.identity.jwt.JwtVerifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The compiled whole a node serves, made by {@link PlanCompiler} from configuration files: the network engine,
 * every API's gateway settings with its request authorizer, and the node sections. {@code validate} compiles a
 * plan and stops; {@code run} serves it; a reload compiles the next one off the request path and swaps it in;
 * {@code explain} runs the request chain of its settings.
 *
 * @param config the configuration it was compiled from
 * @param engine the security-group engine
 * @param gateway the settings of every API as the gateway serves them
 * @param node the node sections, checked
 * @param verifiers the JWT verifiers the authorizers use (carried over from the previous plan when unchanged)
 * @param warnings what is allowed but probably not meant
 * @param sources where each element was written, to place problems found later (a reload refused at swap)
 * @param digest the plan digest: SHA-256 over the canonical form of what is enforced (docs/plan-digest.md), the
 *        name approvals, audit records and the admin endpoint use for this plan
 */
public record Plan(PortcullisConfig config, AccessEngine engine, GatewaySettings gateway, NodePlan node,
                   Map<JwtConfig, JwtVerifier> verifiers, List<Problem> warnings, SourceMap sources,
                   PlanDigest digest) {

    public Plan {
        requireNonNull(config, "config");
        requireNonNull(engine, "engine");
        requireNonNull(gateway, "gateway");
        requireNonNull(node, "node");
        verifiers = Map.copyOf(verifiers);
        warnings = List.copyOf(warnings);
        requireNonNull(sources, "sources");
        requireNonNull(digest, "digest");
    }

    /** {@code PATH: message} (a finding about this plan's configuration) placed at its file, line and column. */
    public String place(String finding) {
        return sources.parse(Problem.Severity.ERROR, finding).toString();
    }

    /** The settings the gateway serves {@code api} with. */
    public Optional<ApiSettings> api(String api) {
        return gateway.apis().stream().filter(a -> a.name().equals(api)).findFirst();
    }
}
