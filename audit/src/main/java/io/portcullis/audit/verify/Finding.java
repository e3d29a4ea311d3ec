package io.portcullis.audit.verify;

import static java.util.Objects.requireNonNull;

/**
 * One problem found by {@link AuditVerifier}: its kind, the first record it affects ({@code -1} when it concerns
 * only a checkpoint) and an explanation naming files and positions.
 */
public record Finding(Damage damage, long record, String detail) {

    public Finding {
        requireNonNull(damage, "damage");
        requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return (record >= 0 ? "record " + record + ": " : "") + damage.name().toLowerCase(java.util.Locale.ROOT)
                + ": " + detail;
    }
}
