package io.portcullis.analysis.review;

import java.util.Locale;

/** What a review proposes, or a reviewer decides, for a membership. */
public enum Choice {
    KEEP, REMOVE;

    /** {@code keep} or {@code remove}, as sheets write it. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The choice a sheet names (case and surrounding blanks ignored), or an exception saying what was expected. */
    public static Choice parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (Choice c : values()) {
            if (c.text().equals(t)) {
                return c;
            }
        }
        throw new IllegalArgumentException("'" + text + "' (expected: keep or remove)");
    }
}
