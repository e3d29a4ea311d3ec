package io.portcullis.config.node;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * {@code changeControl.require.<risk>}: how many distinct approvers a change of that risk level needs, and the
 * roles among them: each entry of {@code roles} is one approver of that role ({@code [security, security]} is two).
 *
 * @param risk {@code low}, {@code medium}, {@code high} or {@code critical}
 */
public record ApprovalRuleConfig(String risk, int approvals, List<String> roles) {
    public ApprovalRuleConfig {
        requireNonNull(risk, "risk");
        roles = List.copyOf(roles);
        if (approvals < 1 || approvals < roles.size()) {
            throw new IllegalArgumentException("approvals: " + approvals + " (expected: >= 1 and >= the roles listed)");
        }
    }
}
