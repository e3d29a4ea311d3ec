package io.portcullis.alerts.internal;

import io.portcullis.alerts.Alert;
import io.portcullis.alerts.AlertEvent;
import io.portcullis.alerts.AlertRule;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The rules, indexed by the kind of event they watch, so an event meets only the rules that care (O(rules of
 * its kind)). Immutable in its rule set; the per-key state inside belongs to the alert thread.
 */
public final class AlertEngine {

    private static final RuleEvaluator[] NONE = new RuleEvaluator[0];

    private final List<RuleEvaluator> evaluators;
    private final Map<AlertEvent.Kind, RuleEvaluator[]> byKind = new EnumMap<>(AlertEvent.Kind.class);
    private final int maxKeysPerRule;
    private final Counters counters;

    public AlertEngine(List<AlertRule> rules, int maxKeysPerRule, Counters counters) {
        this(maxKeysPerRule, counters, build(rules, maxKeysPerRule, counters, Map.of()));
    }

    private AlertEngine(int maxKeysPerRule, Counters counters, List<RuleEvaluator> evaluators) {
        this.evaluators = evaluators;
        this.maxKeysPerRule = maxKeysPerRule;
        this.counters = counters;
        for (AlertEvent.Kind kind : AlertEvent.Kind.values()) {
            byKind.put(kind, evaluators.stream().filter(e -> e.rule().type().kinds().contains(kind))
                    .toArray(RuleEvaluator[]::new));
        }
    }

    /** The same engine with new rules; a rule of the same name, type and window keeps its counts. */
    public AlertEngine withRules(List<AlertRule> rules) {
        Map<String, RuleEvaluator> previous = new HashMap<>();
        evaluators.forEach(e -> previous.put(e.rule().name(), e));
        return new AlertEngine(maxKeysPerRule, counters, build(rules, maxKeysPerRule, counters, previous));
    }

    /** Applies one event to the rules that watch its kind; fired alerts go to {@code out}. Alert thread only. */
    public void process(AlertEvent event, Consumer<Alert> out) {
        for (RuleEvaluator e : byKind.getOrDefault(event.kind(), NONE)) {
            e.onEvent(event, out);
        }
    }

    /** Keys tracked by the named rule (for tests and diagnostics). */
    public int trackedKeys(String rule) {
        return evaluators.stream().filter(e -> e.rule().name().equals(rule)).mapToInt(RuleEvaluator::trackedKeys)
                .sum();
    }

    private static List<RuleEvaluator> build(List<AlertRule> rules, int maxKeys, Counters counters,
                                             Map<String, RuleEvaluator> previous) {
        List<RuleEvaluator> out = new ArrayList<>();
        for (AlertRule rule : rules) {
            RuleEvaluator old = previous.get(rule.name());
            out.add(old == null ? new RuleEvaluator(rule, maxKeys, counters) : old.reconfigured(rule, maxKeys));
        }
        return List.copyOf(out);
    }
}
