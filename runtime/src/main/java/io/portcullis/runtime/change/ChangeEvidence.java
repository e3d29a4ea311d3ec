package io.portcullis.runtime.change;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portcullis.audit.AuditRecord;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import java.time.Instant;

/**
 * What change control leaves behind: the counter {@code portcullis_changes_total{result="applied"|"refused"}} and
 * the audit records, kind {@code change}: an applied change ({@code policy/change-applied},
 * {@code decidedBy} the change id, {@code detail} its digests, risk, author and approvers, {@code plan} the digest
 * now served) and a refused one ({@code policy/change-refused}, {@code detail} every reason, {@code plan} the
 * digest that stays in force).
 */
public final class ChangeEvidence {

    public static final Reason APPLIED = new Reason(Layer.POLICY, "change-applied");
    public static final Reason REFUSED = new Reason(Layer.POLICY, "change-refused");

    private final Counter applied;
    private final Counter refused;

    public ChangeEvidence(MeterRegistry registry) {
        this.applied = counter(registry, "applied");
        this.refused = counter(registry, "refused");
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder("portcullis.changes").description("plan changes under changeControl by result")
                .tag("result", result).register(registry);
    }

    /** Counts {@code change} and returns its audit record. */
    public AuditRecord applied(ChangeGate.Approved change, Instant time) {
        applied.increment();
        return AuditRecord.builder(time, AuditRecord.Kind.CHANGE,
                Decision.allow(APPLIED, change.change().id(), change.summary())).plan(change.change().to()).build();
    }

    /** Counts the refusal of {@code attempted} ({@code inForce}, a digest, stays) and returns its audit record. */
    public AuditRecord refused(ChangeGate.Refused refusal, String attempted, String inForce, Instant time) {
        refused.increment();
        return AuditRecord.builder(time, AuditRecord.Kind.CHANGE, Decision.deny(REFUSED, "", "plan " + attempted
                + " refused: " + String.join(" | ", refusal.findings()))).plan(inForce).build();
    }
}
