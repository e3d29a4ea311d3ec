package io.portcullis.console.internal;

import java.util.Collection;
import java.util.Optional;

/**
 * What a signed-in user may do. A viewer reads every view; an operator also runs explanations with a token (a
 * credential) and downloads inclusion proofs (whole audit records). Checked by the server on every endpoint.
 */
public enum Role {
    VIEWER,
    OPERATOR;

    /** Whether this role includes {@code needed}. */
    public boolean allows(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** The highest role named in a token's roles claim ({@code viewer}, {@code operator}); empty when none is. */
    static Optional<Role> fromClaim(Collection<String> values) {
        return values.contains("operator") ? Optional.of(OPERATOR)
                : values.contains("viewer") ? Optional.of(VIEWER) : Optional.empty();
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
