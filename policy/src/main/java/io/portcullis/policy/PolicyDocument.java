package io.portcullis.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A validated policy document, as written: {@code Version} ({@code null} when absent), {@code Id} ({@code null}
 * when absent) and its statements in document order. Build one with {@link PolicyParser}.
 */
public record PolicyDocument(String version, String id, List<Statement> statements) {

    /** The current policy language version: policy variables are substituted. */
    public static final String VERSION_2012 = "2012-10-17";
    /** The original version, and the default when {@code Version} is absent: {@code ${...}} is literal text. */
    public static final String VERSION_2008 = "2008-10-17";

    public PolicyDocument {
        statements = List.copyOf(requireNonNull(statements, "statements"));
        if (version != null && !VERSION_2012.equals(version) && !VERSION_2008.equals(version)) {
            throw new IllegalArgumentException("version: " + version + " (expected: 2012-10-17, 2008-10-17 or absent)");
        }
    }

    /** Whether {@code ${...}} policy variables are substituted (only under {@code 2012-10-17}). */
    public boolean variablesEnabled() {
        return VERSION_2012.equals(version);
    }
}
