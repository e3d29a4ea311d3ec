package io.portcullis.config.node;

import java.time.Duration;

/** One {@code alerts.rules[]} entry: fire when {@code type}'s count for one key reaches {@code threshold} within
 * {@code window}, then stay quiet for that key for {@code cooldown}. */
public record AlertRuleConfig(String name, String type, long threshold, Duration window, Duration cooldown) {}
