package io.portcullis.alerts.internal;

import io.portcullis.alerts.AlertRule;

/** The human sentence of each kind of alert, in one place. */
final class Details {

    private Details() {}

    static String count(AlertRule rule, String key, long n) {
        String what = switch (rule.type()) {
            case DENIALS_PER_SOURCE -> n + " denials from " + key;
            case TRAFFIC_PER_API -> n + " requests to " + key;
            case AUTH_FAILURES_PER_GROUP -> n + " authentication failures in group " + key;
            default -> n + " events for " + key;
        };
        return what + " within " + rule.window() + " (threshold " + rule.threshold() + ")";
    }

    static String failure(AlertRule rule, String key, String reason) {
        String what = switch (rule.type()) {
            case FEED_FAILURE -> "feed " + key + " failed to refresh, previous list kept";
            case AUDIT_FAILURE -> "audit log " + key + " failed to write";
            default -> rule.type() + " " + key;
        };
        return reason.isEmpty() ? what : what + ": " + reason;
    }

    static String lag(AlertRule rule, String key, long lag) {
        return "audit log " + key + " is " + lag + " behind, at or above " + rule.threshold()
                + (rule.window().isZero() ? "" : " for " + rule.window());
    }
}
