package io.portcullis.alerts.internal;

import io.portcullis.alerts.Alert;
import io.portcullis.alerts.AlertEvent;
import io.portcullis.alerts.AlertRule;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One rule's state: per key, a sliding count (or, for {@code audit-lag}, since when the lag has been high) and
 * when the rule last fired for it.
 *
 * <p>Design note: keys live in an access-ordered {@link LinkedHashMap} capped at {@code maxKeys}; touching a key
 * moves it to the young end and a new key beyond the cap evicts the least recently seen one (counted). Lookup,
 * update and eviction are O(1); memory is bounded by {@code maxKeys} times one counter (about 150 bytes). An
 * evicted key starts again from zero, cooldown included, so a flood of distinct sources cannot grow memory;
 * a source active enough to matter stays young and is never the one evicted. Alert thread only.
 */
final class RuleEvaluator {

    static final String NO_GROUP = "(no group)";
    private static final long NEVER = Long.MIN_VALUE;

    private final AlertRule rule;
    private final Counters counters;
    private final Map<String, KeyState> keys;
    private final long windowMillis;
    private final long cooldownMillis;

    RuleEvaluator(AlertRule rule, int maxKeys, Counters counters) {
        this(rule, counters, new Keys(maxKeys, counters));
    }

    private RuleEvaluator(AlertRule rule, Counters counters, Map<String, KeyState> keys) {
        this.rule = rule;
        this.counters = counters;
        this.keys = keys;
        this.windowMillis = rule.window().toMillis();
        this.cooldownMillis = rule.cooldown().toMillis();
    }

    AlertRule rule() {
        return rule;
    }

    /**
     * This rule's keys under a new version of the rule. Counts survive when type and window are unchanged (a new
     * threshold or cooldown applies to them at once); otherwise the new rule starts empty.
     */
    RuleEvaluator reconfigured(AlertRule next, int maxKeys) {
        if (next.type() == rule.type() && next.window().equals(rule.window())) {
            return new RuleEvaluator(next, counters, keys);
        }
        return new RuleEvaluator(next, maxKeys, counters);
    }

    int trackedKeys() {
        return keys.size();
    }

    void onEvent(AlertEvent e, Consumer<Alert> out) {
        switch (rule.type()) {
            case DENIALS_PER_SOURCE -> count(e.source(), e.timeMillis(), out);
            case TRAFFIC_PER_API -> count(e.api(), e.timeMillis(), out);
            case AUTH_FAILURES_PER_GROUP -> {
                List<String> groups = e.groups();
                if (groups.isEmpty()) {
                    count(NO_GROUP, e.timeMillis(), out);
                }
                for (int i = 0; i < groups.size(); i++) {
                    count(groups.get(i), e.timeMillis(), out);
                }
            }
            case AUDIT_LAG -> gauge(orDefault(e.source(), "audit"), e, out);
            case FEED_FAILURE -> passthrough(orDefault(e.source(), "feed"), e, out);
            case AUDIT_FAILURE -> passthrough(orDefault(e.source(), "audit"), e, out);
            case ASSURANCE, UNUSUAL_TRAFFIC, CLUSTER_FALLBACK -> { } // raised whole by their detectors (Alerts#raise), not from events
        }
    }

    private void count(String key, long now, Consumer<Alert> out) {
        KeyState s = state(key);
        long n = s.counter.add(now);
        if (n >= rule.threshold()) {
            fire(s, key, now, n, Details.count(rule, key, n), out);
        }
    }

    private void passthrough(String key, AlertEvent e, Consumer<Alert> out) {
        fire(state(key), key, e.timeMillis(), 1, Details.failure(rule, key, e.detail()), out);
    }

    private void gauge(String key, AlertEvent e, Consumer<Alert> out) {
        KeyState s = state(key);
        long now = e.timeMillis();
        if (now < s.lastSample) {
            return;
        }
        s.lastSample = now;
        if (e.value() < rule.threshold()) {
            s.highSince = NEVER;
            return;
        }
        if (s.highSince == NEVER) {
            s.highSince = now;
        }
        if (now - s.highSince >= windowMillis) {
            fire(s, key, now, e.value(), Details.lag(rule, key, e.value()), out);
        }
    }

    private void fire(KeyState s, String key, long now, long count, String detail, Consumer<Alert> out) {
        if (s.lastFired != NEVER && now - s.lastFired < cooldownMillis) {
            counters.suppressed++;
            return;
        }
        s.lastFired = now;
        counters.fired++;
        out.accept(new Alert(rule.name(), rule.type(), key, count, rule.threshold(), rule.window(),
                Instant.ofEpochMilli(now), detail));
    }

    private KeyState state(String key) {
        KeyState s = keys.get(key);
        if (s == null) {
            s = new KeyState(rule.type().counting() ? new SlidingCounter(windowMillis) : null);
            keys.put(key, s);
        }
        return s;
    }

    private static String orDefault(String s, String otherwise) {
        return s.isEmpty() ? otherwise : s;
    }

    private static final class KeyState {
        final SlidingCounter counter;
        long lastFired = NEVER;
        long highSince = NEVER;
        long lastSample = Long.MIN_VALUE;

        KeyState(SlidingCounter counter) {
            this.counter = counter;
        }
    }

    private static final class Keys extends LinkedHashMap<String, KeyState> {
        private static final long serialVersionUID = 1L;
        private final int maxKeys;
        private final transient Counters counters;

        Keys(int maxKeys, Counters counters) {
            super(16, 0.75f, true);
            this.maxKeys = maxKeys;
            this.counters = counters;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, KeyState> eldest) {
            if (size() > maxKeys) {
                counters.evictedKeys++;
                return true;
            }
            return false;
        }
    }
}
