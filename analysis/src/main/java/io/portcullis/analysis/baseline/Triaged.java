package io.portcullis.analysis.baseline;

import static java.util.Objects.requireNonNull;

import io.portcullis.analysis.findings.Finding;
import java.util.Optional;

/**
 * A finding after the baseline: {@link Status#OPEN} (no acceptance), {@link Status#ACCEPTED} (suppressed),
 * or {@link Status#ACCEPTANCE_EXPIRED} (its acceptance ran out: a finding again, and it says so).
 */
public record Triaged(Finding finding, Status status, Optional<Acceptance> acceptance) {

    public enum Status { OPEN, ACCEPTED, ACCEPTANCE_EXPIRED }

    public Triaged {
        requireNonNull(finding, "finding");
        requireNonNull(status, "status");
        requireNonNull(acceptance, "acceptance");
        if ((status == Status.OPEN) != acceptance.isEmpty()) {
            throw new IllegalArgumentException("acceptance: " + acceptance + " (expected: present unless the finding is open)");
        }
    }

    /** Whether the finding counts: open, or accepted no longer. */
    public boolean counts() {
        return status != Status.ACCEPTED;
    }
}
