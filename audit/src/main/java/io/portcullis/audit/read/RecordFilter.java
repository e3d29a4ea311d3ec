package io.portcullis.audit.read;

import io.portcullis.decision.Layer;
import io.portcullis.decision.Verdict;
import java.time.Instant;

/**
 * Which audit records a search wants; every criterion that is set must hold, a {@code null} one matches anything.
 * Values are compared exactly as recorded (case-sensitive), except the verdict and the layer.
 *
 * @param since records at or after this time
 * @param until records before this time
 * @param api the API name
 * @param source the source address, or a CIDR that holds it ({@code 10.0.1.7}, {@code 10.0.1.0/24}, {@code fd00::/8})
 * @param workload the workload id the network layer resolved
 * @param principal the principal (the authorizer's, or a client certificate's identity)
 * @param verdict allowed or denied
 * @param layer the layer whose reason decided
 */
public record RecordFilter(Instant since, Instant until, String api, String source, String workload,
                           String principal, Verdict verdict, Layer layer) {

    /** Every record. */
    public static final RecordFilter ALL = new RecordFilter(null, null, null, null, null, null, null, null);

    public RecordFilter {
        if (since != null && until != null && until.isBefore(since)) {
            throw new IllegalArgumentException("until: " + until + " (expected: at or after since " + since + ")");
        }
        if (source != null) {
            AddressMatch.of(source); // rejects what is neither an address nor a CIDR, with the reason
        }
    }

    /** Whether any criterion besides the time is set (they need the record's fields). */
    boolean needsFields() {
        return api != null || source != null || workload != null || principal != null || verdict != null
                || layer != null;
    }
}
