package io.portcullis.decision;

import static java.util.Objects.requireNonNull;

/**
 * One layer's decision: the verdict, the reason and what decided it.
 *
 * <p>{@code decidedBy} names the rule or statement that decided, in the form a person can find in the
 * configuration (for example {@code "111111111111/sg-api ingress[0]"} or {@code "policy[0] Statement[1]
 * (DenyNotFromVPC)"}); it is empty when nothing matched (an implicit deny). {@code detail} is a short
 * human-readable explanation for operators. Neither is ever sent to a client: clients see only the uniform
 * response for the verdict.
 *
 * <p>Hot paths return pre-built instances (one per rule, built when the configuration is compiled), so
 * deciding allocates nothing.
 */
public record Decision(Verdict verdict, Reason reason, String decidedBy, String detail) {

    public Decision {
        requireNonNull(verdict, "verdict");
        requireNonNull(reason, "reason");
        requireNonNull(decidedBy, "decidedBy");
        requireNonNull(detail, "detail");
    }

    public static Decision allow(Reason reason, String decidedBy, String detail) {
        return new Decision(Verdict.ALLOW, reason, decidedBy, detail);
    }

    public static Decision deny(Reason reason, String decidedBy, String detail) {
        return new Decision(Verdict.DENY, reason, decidedBy, detail);
    }

    public boolean allowed() {
        return verdict == Verdict.ALLOW;
    }

    public Layer layer() {
        return reason.layer();
    }
}
