package io.portcullis.runtime.reload;

import static java.util.Objects.requireNonNull;

import io.portcullis.runtime.plan.PlanChanges;
import java.time.Instant;
import java.util.List;

/**
 * What one reload of a running node ended with: applied (the new plan is in force) or rejected (the plan in force
 * stays), the plan served afterwards, and what the new configuration changes, or would have changed.
 *
 * @param time when the reload ended, on the node's clock
 * @param applied whether the new plan is in force
 * @param plan the digest of the plan in force after the reload ({@code sha256:...})
 * @param attempted the digest of the plan the configuration compiled to, or {@code ""} when it did not compile
 * @param problems why it was rejected, each placed at its file, line and column; empty when applied
 * @param changes what the attempted plan changes against the one in force before; empty when it did not compile
 */
public record ReloadOutcome(Instant time, boolean applied, String plan, String attempted, List<String> problems,
                            PlanChanges changes) {

    public ReloadOutcome {
        requireNonNull(time, "time");
        requireNonNull(plan, "plan");
        requireNonNull(attempted, "attempted");
        problems = List.copyOf(problems);
        requireNonNull(changes, "changes");
        if (applied != problems.isEmpty()) {
            throw new IllegalArgumentException("problems: " + problems.size() + " (expected: none exactly when applied)");
        }
    }

    /** {@code applied} or {@code rejected}. */
    public String result() {
        return applied ? "applied" : "rejected";
    }
}
