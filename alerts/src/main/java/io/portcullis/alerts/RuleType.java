package io.portcullis.alerts;

import static java.util.Objects.requireNonNull;

import io.portcullis.alerts.AlertEvent.Kind;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The kinds of alert rule, with their configuration names ({@code alerts.rules[].type}). */
public enum RuleType {
    /** Denials per client address or workload within the window reach the threshold. */
    DENIALS_PER_SOURCE("denials-per-source", Set.of(Kind.DENIAL)),
    /** Requests (admitted and denied) per API within the window reach the threshold. */
    TRAFFIC_PER_API("traffic-per-api", Set.of(Kind.REQUEST, Kind.DENIAL)),
    /** Authentication failures per group within the window reach the threshold. */
    AUTH_FAILURES_PER_GROUP("auth-failures-per-group", Set.of(Kind.AUTH_FAILURE)),
    /** The audit lag stays at or above the threshold for the whole window (a zero window: at once). */
    AUDIT_LAG("audit-lag", Set.of(Kind.AUDIT_LAG)),
    /** A threat feed failed to refresh: fires at once. */
    FEED_FAILURE("feed-failure", Set.of(Kind.FEED_FAILURE)),
    /** The audit log failed to write: fires at once. */
    AUDIT_FAILURE("audit-failure", Set.of(Kind.AUDIT_FAILURE)),
    /** An assurance probe got in where the plan or the tenant line says it must not ({@link Alerts#raise}). */
    ASSURANCE("assurance", Set.of()),
    /** Traffic unlike its own learned baseline ({@code io.portcullis.alerts.baseline}, {@link Alerts#raise}). */
    UNUSUAL_TRAFFIC("unusual-traffic", Set.of()),
    /** The cluster store stopped answering and global limits fell back to each node's share ({@link Alerts#raise}). */
    CLUSTER_FALLBACK("cluster-fallback", Set.of());

    private final String configName;
    private final Set<Kind> kinds;

    RuleType(String configName, Set<Kind> kinds) {
        this.configName = configName;
        this.kinds = kinds;
    }

    public String configName() {
        return configName;
    }

    /** The events this rule type looks at. */
    public Set<Kind> kinds() {
        return kinds;
    }

    /** Counts events in a sliding window (as opposed to a gauge or a pass-through). */
    public boolean counting() {
        return this == DENIALS_PER_SOURCE || this == TRAFFIC_PER_API || this == AUTH_FAILURES_PER_GROUP;
    }

    /** Fires on every event, subject only to the cooldown. */
    public boolean passthrough() {
        return this == FEED_FAILURE || this == AUDIT_FAILURE;
    }

    /** A type of {@code alerts.rules[]}; the others ({@code assurance}, {@code unusual-traffic}) are raised whole. */
    public boolean configurable() {
        return !kinds.isEmpty();
    }

    /**
     * The type of a configured rule with this name.
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static RuleType of(String configName) {
        requireNonNull(configName, "configName");
        for (RuleType t : values()) {
            if (t.configurable() && t.configName.equals(configName)) {
                return t;
            }
        }
        throw new IllegalArgumentException("type: '" + configName + "' (expected: one of "
                + Arrays.stream(values()).filter(RuleType::configurable).map(RuleType::configName)
                .collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return configName;
    }
}
