package io.portcullis.policy;

import static java.util.Objects.requireNonNull;

/**
 * One problem in a policy document: where it is (1-based line and column, and a JSON pointer such as
 * {@code /Statement/0/Condition/StringNotEquals}) and what was expected there.
 */
public record PolicyError(int line, int column, String pointer, String message) {

    public PolicyError {
        requireNonNull(pointer, "pointer");
        requireNonNull(message, "message");
    }

    /** The form printed by {@code portcullis policy validate}: {@code 13:18 /Statement/0/Condition: message}. */
    @Override
    public String toString() {
        return line + ":" + column + " " + (pointer.isEmpty() ? "/" : pointer) + ": " + message;
    }
}
