package io.portcullis.alerts;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * A fired alert, as logged and posted to the webhook.
 *
 * @param rule      the rule's name
 * @param type      the rule's type
 * @param key       what it is about: the source, API, group, audit log or feed
 * @param count     events in the window when it fired ({@code audit-lag}: the lag; pass-through: 1)
 * @param threshold the rule's threshold
 * @param window    the rule's window
 * @param firedAt   the time of the event that fired it
 * @param detail    a sentence for a person
 */
public record Alert(String rule, RuleType type, String key, long count, long threshold, Duration window,
                    Instant firedAt, String detail) {

    public Alert {
        requireNonNull(rule, "rule");
        requireNonNull(type, "type");
        requireNonNull(key, "key");
        requireNonNull(window, "window");
        requireNonNull(firedAt, "firedAt");
        requireNonNull(detail, "detail");
    }
}
