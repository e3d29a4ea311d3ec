package io.portcullis.config;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown by {@link ValidationReport#orThrow()}: the message lists every error, one per line. */
public final class InvalidConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final transient List<Problem> errors;

    public InvalidConfigException(List<Problem> errors) {
        super("invalid configuration (" + errors.size() + " error" + (errors.size() == 1 ? "" : "s") + "):\n"
                + errors.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<Problem> errors() {
        return errors;
    }
}
