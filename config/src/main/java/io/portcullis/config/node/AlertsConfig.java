package io.portcullis.config.node;

import java.util.List;
import java.util.Optional;

/**
 * {@code alerts}: rules over sliding windows and the optional webhook; every alert also goes to the log.
 * {@code unusualTraffic} turns on the alerts that learn a baseline (docs/assurance.md).
 */
public record AlertsConfig(Optional<WebhookConfig> webhook, List<AlertRuleConfig> rules, boolean unusualTraffic) {
    public AlertsConfig {
        rules = List.copyOf(rules);
    }

    public AlertsConfig(Optional<WebhookConfig> webhook, List<AlertRuleConfig> rules) {
        this(webhook, rules, false);
    }
}
