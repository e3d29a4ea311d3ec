package io.portcullis.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** What {@link PolicyParser#parse(String)} found: a valid document, or every error it could find. */
public sealed interface ParseResult {

    /** A document that passed every syntactic and semantic check. */
    record Valid(PolicyDocument document) implements ParseResult {
        public Valid {
            requireNonNull(document, "document");
        }
    }

    /** The errors, in document order; never empty. */
    record Invalid(List<PolicyError> errors) implements ParseResult {
        public Invalid {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("errors: [] (expected: at least one error)");
            }
        }
    }

    default boolean valid() {
        return this instanceof Valid;
    }

    /** The document, or an {@link IllegalArgumentException} listing the errors. */
    default PolicyDocument orThrow() {
        if (this instanceof Valid v) {
            return v.document();
        }
        throw new IllegalArgumentException("invalid policy: " + ((Invalid) this).errors());
    }
}
