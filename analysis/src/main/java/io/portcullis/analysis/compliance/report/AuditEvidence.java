package io.portcullis.analysis.compliance.report;

import static java.util.Objects.requireNonNull;

import io.portcullis.audit.verify.VerificationResult;

/**
 * What {@code portcullis audit verify} says of the audit log a report cites (the same verifier): whether it is
 * intact, the records it covers ({@code [firstRecord, firstRecord + records)}), how many signed checkpoints
 * verified and with which key, and the first damage when there is one.
 */
public record AuditEvidence(String dir, boolean intact, long firstRecord, long records, int checkpoints, String keyId,
                            String damage) {

    public AuditEvidence {
        requireNonNull(dir, "dir");
        requireNonNull(keyId, "keyId");
        requireNonNull(damage, "damage");
    }

    public static AuditEvidence of(String dir, VerificationResult r) {
        return new AuditEvidence(dir, r.intact(), r.firstRecord(), r.records(), r.checkpoints(), r.keyId(),
                r.first().map(Object::toString).orElse(""));
    }

    /** One line: {@code intact: records 0-41 (42), 3 signed checkpoints, key 1a2b...}, or the damage. */
    public String summary() {
        String range = records == 0 ? "no records" : "records " + firstRecord + "-" + (firstRecord + records - 1) + " (" + records + ")";
        return (intact ? "intact: " : "NOT INTACT: " + damage + "; verified before it: ") + range + ", " + checkpoints
                + " signed checkpoints, key " + (keyId.isEmpty() ? "(none)" : keyId);
    }
}
