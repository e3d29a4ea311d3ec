package io.portcullis.analysis.findings;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * A rule of the catalog ({@link Rules}): its stable id, a name, what it checks and how findings of it are fixed.
 * Severity is per finding (a rule such as PC-NET-003 is critical for 0.0.0.0/0 and high for a /8).
 *
 * @param id stable, never reused ({@code PC-NET-001})
 * @param name the rule as an identifier, for SARIF ({@code ApiReachableFromWideRange})
 * @param title one line, for lists and SARIF's {@code shortDescription}
 * @param description what it checks and why it matters
 * @param remediation the fix, in general
 */
public record Rule(String id, String name, String title, String description, String remediation) {

    public Rule {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        requireNonNull(title, "title");
        requireNonNull(description, "description");
        requireNonNull(remediation, "remediation");
    }

    /** The anchor of the rule's section in docs/analyze.md ({@code pc-net-001}). */
    public String anchor() {
        return id.toLowerCase(Locale.ROOT);
    }
}
