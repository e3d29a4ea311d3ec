package io.portcullis.config.node;

import java.util.List;
import java.util.Optional;

/** {@code alerts}: rules over sliding windows and the optional webhook; every alert also goes to the log. */
public record AlertsConfig(Optional<WebhookConfig> webhook, List<AlertRuleConfig> rules) {
    public AlertsConfig {
        rules = List.copyOf(rules);
    }
}
