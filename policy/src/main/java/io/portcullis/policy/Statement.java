package io.portcullis.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One validated statement, as written. Exactly one of each pair is present, and the {@code not...} flags say which
 * ({@code NotPrincipal}, {@code NotAction}, {@code NotResource}). {@code sid} is {@code null} when absent;
 * {@code index} is the statement's position in the document's {@code Statement} array (0 for a single object).
 */
public record Statement(int index, String sid, Effect effect,
                        PrincipalSpec principal, boolean notPrincipal,
                        List<String> actions, boolean notAction,
                        List<String> resources, boolean notResource,
                        List<ConditionSpec> conditions) {

    public Statement {
        requireNonNull(effect, "effect");
        requireNonNull(principal, "principal");
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        conditions = List.copyOf(conditions);
        if (notPrincipal && effect == Effect.ALLOW) {
            throw new IllegalArgumentException("notPrincipal: true with effect Allow (expected: NotPrincipal only with Deny)");
        }
    }
}
