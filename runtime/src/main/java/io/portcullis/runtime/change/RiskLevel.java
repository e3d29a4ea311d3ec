package io.portcullis.runtime.change;

import java.util.Locale;

/** How much a change can open, lowest first; written lower case ({@code high}) in records and configuration. */
public enum RiskLevel {
    LOW, MEDIUM, HIGH, CRITICAL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The level named {@code id}; throws with the expected values otherwise. */
    public static RiskLevel of(String id) {
        for (RiskLevel l : values()) {
            if (l.id().equals(id)) {
                return l;
            }
        }
        throw new IllegalArgumentException("risk: '" + id + "' (expected: low, medium, high or critical)");
    }

    public RiskLevel max(RiskLevel other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
