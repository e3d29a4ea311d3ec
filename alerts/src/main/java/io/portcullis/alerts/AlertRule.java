package io.portcullis.alerts;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One alert rule ({@code alerts.rules[]}).
 *
 * @param name      the rule's name, unique, as it appears in alerts ({@code [A-Za-z0-9._-]+})
 * @param type      what it watches
 * @param threshold counting rules: events in the window that fire it; {@code audit-lag}: the lag that fires it;
 *                  pass-through rules: 1
 * @param window    counting rules: the sliding window, 1 s to 7 days, counted in 10 buckets of a tenth each;
 *                  {@code audit-lag}: how long the lag must last (zero: at once); pass-through rules: zero
 * @param cooldown  after firing for a key, the rule does not fire again for that key within this
 */
public record AlertRule(String name, RuleType type, long threshold, Duration window, Duration cooldown) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Duration MIN_WINDOW = Duration.ofSeconds(1);
    private static final Duration MAX_WINDOW = Duration.ofDays(7);

    public AlertRule {
        requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: '" + name + "' (expected: letters, digits, '.', '_' or '-')");
        }
        requireNonNull(type, "type");
        requireNonNull(window, "window");
        requireNonNull(cooldown, "cooldown");
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold: " + threshold + " (expected: >= 1)");
        }
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("cooldown: " + cooldown + " (expected: >= 0)");
        }
        if (type.counting() && (window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0)) {
            throw new IllegalArgumentException("window: " + window + " (expected: PT1S to P7D for " + type + ")");
        }
        if (type == RuleType.AUDIT_LAG && window.isNegative()) {
            throw new IllegalArgumentException("window: " + window + " (expected: >= 0 for " + type + ")");
        }
        if (type.passthrough() && (threshold != 1 || !window.isZero())) {
            throw new IllegalArgumentException(type + ": threshold " + threshold + ", window " + window
                    + " (expected: threshold 1 and no window; it fires on every event)");
        }
    }

    /** A counting or gauge rule named after its type, with the cooldown equal to the window. */
    public static AlertRule of(RuleType type, long threshold, Duration window) {
        return new AlertRule(type.configName(), type, threshold, window, window);
    }

    /** A pass-through rule ({@code feed-failure}, {@code audit-failure}) named after its type. */
    public static AlertRule passthrough(RuleType type, Duration cooldown) {
        return new AlertRule(type.configName(), type, 1, Duration.ZERO, cooldown);
    }
}
