package io.portcullis.runtime.plan;

import io.portcullis.config.Problem;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of compiling configuration files: the plan, or every error that prevents it (never both), and
 * every warning either way. Problems are in the one format every command prints ({@link Problem#toString()}).
 */
public record Compilation(Optional<Plan> plan, List<Problem> errors, List<Problem> warnings) {

    public Compilation {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        if (plan.isPresent() == !errors.isEmpty()) {
            throw new IllegalArgumentException("a compilation has a plan exactly when it has no errors");
        }
    }

    /** The errors as printed. */
    public List<String> errorLines() {
        return errors.stream().map(Problem::toString).toList();
    }
}
