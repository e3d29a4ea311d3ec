package io.portcullis.policy;

import static java.util.Objects.requireNonNull;

/**
 * Why one statement applied to a request or not: {@code failed} is the first element that did not match
 * ({@code null} when the statement applied) and {@code detail} says which entry, e.g.
 * {@code Condition StringNotEquals aws:sourcevpc}.
 */
public record StatementTrace(StatementRef ref, Effect effect, boolean applied, Element failed, String detail) {

    /** The statement elements, in the order they are checked. */
    public enum Element { PRINCIPAL, NOT_PRINCIPAL, ACTION, NOT_ACTION, RESOURCE, NOT_RESOURCE, CONDITION }

    public StatementTrace {
        requireNonNull(ref, "ref");
        requireNonNull(effect, "effect");
        requireNonNull(detail, "detail");
        if (applied != (failed == null)) {
            throw new IllegalArgumentException("failed: " + failed + " (expected: null exactly when applied)");
        }
    }
}
