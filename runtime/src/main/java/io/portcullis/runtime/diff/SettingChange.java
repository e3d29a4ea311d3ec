package io.portcullis.runtime.diff;

import static java.util.Objects.requireNonNull;

/**
 * One value of an API's identity requirements or limits that differs: its path under the API ({@code auth.jwt.issuer},
 * {@code routes[/orders GET].rateLimits}) and the canonical JSON of its value on each side ({@code null} when absent).
 */
public record SettingChange(String path, String before, String after) {
    public SettingChange {
        requireNonNull(path, "path");
        requireNonNull(before, "before");
        requireNonNull(after, "after");
    }
}
