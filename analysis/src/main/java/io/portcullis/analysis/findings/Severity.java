package io.portcullis.analysis.findings;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How bad a finding is, most severe first; {@code --fail-on} compares with {@link #atLeast}. */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW, INFO;

    /** Whether this severity is {@code floor} or worse. */
    public boolean atLeast(Severity floor) {
        return ordinal() <= floor.ordinal();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code critical}, {@code high}, ... (any case); the message lists what is expected. */
    public static Severity parse(String text) {
        for (Severity s : values()) {
            if (s.name().equalsIgnoreCase(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("severity: '" + text + "' (expected one of: "
                + Arrays.stream(values()).map(Severity::label).collect(Collectors.joining(", ")) + ")");
    }
}
