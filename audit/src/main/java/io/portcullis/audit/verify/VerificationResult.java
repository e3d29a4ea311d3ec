package io.portcullis.audit.verify;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What {@link AuditVerifier#verify} found.
 *
 * @param firstRecord  index of the first record still present (older ones were removed by retention)
 * @param records      records read and hashed up to the first damage
 * @param checkpoints  checkpoints whose signature verified and whose root matched the records
 * @param keyId        the key the signatures were checked with
 * @param findings     damage, empty when intact
 * @param notes        facts worth knowing that are not damage (retention, recovered torn tails)
 */
public record VerificationResult(long firstRecord, long records, int checkpoints, String keyId,
                                 List<Finding> findings, List<String> notes) {

    public VerificationResult {
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }

    public boolean intact() {
        return findings.isEmpty();
    }

    /** The damage at the lowest record index, or else the first checkpoint problem. */
    public Optional<Finding> first() {
        return findings.stream()
                .min(Comparator.comparingLong((Finding f) -> f.record() < 0 ? Long.MAX_VALUE : f.record()));
    }
}
