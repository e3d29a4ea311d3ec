package io.portcullis.analysis.baseline;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * One accepted finding of a baseline: its fingerprint, why it is accepted, who owns the decision and until when
 * (inclusive, UTC). {@code rule} and {@code resource} are what the fingerprint stood for when it was written, for
 * people reading the file; the fingerprint alone matches.
 */
public record Acceptance(String fingerprint, String rule, String resource, String justification, String owner,
                         LocalDate expires) {
    public Acceptance {
        requireNonNull(fingerprint, "fingerprint");
        requireNonNull(rule, "rule");
        requireNonNull(resource, "resource");
        requireNonNull(justification, "justification");
        requireNonNull(owner, "owner");
        requireNonNull(expires, "expires");
    }

    /** Whether the acceptance still holds on {@code today}. */
    public boolean inForce(LocalDate today) {
        return !today.isAfter(expires);
    }
}
