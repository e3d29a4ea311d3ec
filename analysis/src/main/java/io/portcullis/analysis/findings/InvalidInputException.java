package io.portcullis.analysis.findings;

import java.util.List;

/**
 * An analysis input (settings, compliance mapping, baseline) that cannot be used: every problem, each
 * {@code FILE: /JSON/pointer: message (expected: ...)}. {@code analyze} prints them and exits 2.
 */
public final class InvalidInputException extends RuntimeException {

    private final List<String> problems;

    public InvalidInputException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
