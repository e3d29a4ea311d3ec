package io.portcullis.config.node;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code changeControl}: the node serves a new plan only through an approved change record (docs/change-control.md).
 *
 * @param changes the directory of change records ({@code *.json}) the node reads at start and reload
 * @param approvers who may approve, with their roles and public keys
 * @param require the approvals each risk level needs, one rule per level in the order low, medium, high,
 *        critical (defaults filled in)
 * @param baselines the requirements every plan must meet (compiling a plan that breaks one fails)
 */
public record ChangeControlConfig(Path changes, List<ApproverConfig> approvers, List<ApprovalRuleConfig> require,
                                  List<BaselineConfig> baselines) {

    /** The risk levels, lowest first: the order of {@link #require()}. */
    public static final List<String> RISK_LEVELS = List.of("low", "medium", "high", "critical");

    public ChangeControlConfig {
        requireNonNull(changes, "changes");
        approvers = List.copyOf(approvers);
        require = List.copyOf(require);
        baselines = List.copyOf(baselines);
    }

    public ChangeControlConfig(Path changes, List<ApproverConfig> approvers, List<ApprovalRuleConfig> require) {
        this(changes, approvers, require, List.of());
    }

    /** The rule for {@code risk} (one of {@link #RISK_LEVELS}). */
    public ApprovalRuleConfig rule(String risk) {
        return require.stream().filter(r -> r.risk().equals(risk)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("risk: '" + risk + "' (expected: one of " + RISK_LEVELS + ")"));
    }
}
