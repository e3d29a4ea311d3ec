package io.portcullis.runtime.change;

import io.portcullis.audit.AuditRecord;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import java.time.Instant;

/**
 * The audit records of change control, kind {@code change}: an applied change ({@code policy/change-applied},
 * {@code decidedBy} the change id, {@code detail} its digests, risk, author and approvers, {@code plan} the digest
 * now served) and a refused one ({@code policy/change-refused}, {@code detail} every reason, {@code plan} the
 * digest that stays in force).
 */
public final class ChangeEvidence {

    public static final Reason APPLIED = new Reason(Layer.POLICY, "change-applied");
    public static final Reason REFUSED = new Reason(Layer.POLICY, "change-refused");

    private ChangeEvidence() {}

    public static AuditRecord applied(ChangeGate.Approved change, Instant time) {
        return AuditRecord.builder(time, AuditRecord.Kind.CHANGE,
                Decision.allow(APPLIED, change.change().id(), change.summary())).plan(change.change().to()).build();
    }

    /** {@code attempted} was refused and {@code inForce} (a digest) stays. */
    public static AuditRecord refused(ChangeGate.Refused refusal, String attempted, String inForce, Instant time) {
        return AuditRecord.builder(time, AuditRecord.Kind.CHANGE, Decision.deny(REFUSED, "", "plan " + attempted
                + " refused: " + String.join(" | ", refusal.findings()))).plan(inForce).build();
    }
}
