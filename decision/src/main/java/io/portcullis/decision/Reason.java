package io.portcullis.decision;

import static java.util.Objects.requireNonNull;

/**
 * A stable, machine-readable reason code such as {@code no-matching-rule} or {@code claims-network-mismatch},
 * scoped to the layer that uses it. Codes are lower-case kebab words so they are safe as metric tag values and
 * log fields; each feature declares its codes as constants in one place.
 */
public record Reason(Layer layer, String code) {

    public Reason {
        requireNonNull(layer, "layer");
        requireNonNull(code, "code");
        if (!code.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("code: '" + code + "' (expected: lower-case kebab words, e.g. 'no-matching-rule')");
        }
    }

    @Override
    public String toString() {
        return layer.name().toLowerCase(java.util.Locale.ROOT) + '/' + code;
    }
}
