package io.portcullis.policy;

import static java.util.Objects.requireNonNull;

import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import java.util.List;

/**
 * A full evaluation: the outcome, the decisive statements (every matching Deny for {@link Outcome#EXPLICIT_DENY},
 * every matching Allow for {@link Outcome#ALLOW}, none for {@link Outcome#IMPLICIT_DENY}) and, for each statement in
 * order, why it applied or not.
 */
public record PolicyResult(Outcome outcome, List<StatementRef> decisive, List<StatementTrace> trace) {

    /** Reason codes of the policy layer, used by every policy decision. */
    public static final Reason ALLOW = new Reason(Layer.POLICY, "allow");
    public static final Reason EXPLICIT_DENY = new Reason(Layer.POLICY, "explicit-deny");
    public static final Reason IMPLICIT_DENY = new Reason(Layer.POLICY, "implicit-deny");

    public PolicyResult {
        requireNonNull(outcome, "outcome");
        decisive = List.copyOf(decisive);
        trace = List.copyOf(trace);
    }

    /** The layer decision: {@code decidedBy} names the first decisive statement ("" for an implicit deny). */
    public Decision toDecision() {
        String by = decisive.isEmpty() ? "" : decisive.get(0).toString();
        return decision(outcome, by);
    }

    static Decision decision(Outcome outcome, String decidedBy) {
        return switch (outcome) {
            case ALLOW -> Decision.allow(ALLOW, decidedBy, "an Allow statement matched and no Deny statement did");
            case EXPLICIT_DENY -> Decision.deny(EXPLICIT_DENY, decidedBy, "a Deny statement matched");
            case IMPLICIT_DENY -> Decision.deny(IMPLICIT_DENY, decidedBy, "no statement allowed the request");
        };
    }
}
