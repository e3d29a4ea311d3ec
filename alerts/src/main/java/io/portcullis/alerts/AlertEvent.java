package io.portcullis.alerts;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Something that happened, as the runtime reports it to {@link Alerts#submit(AlertEvent)}: a request or denial,
 * an authentication failure, an audit-lag sample, or an operational failure.
 *
 * <p>Built on request threads, so it is small and copying-free: pass {@code groups} as an immutable list
 * ({@code List.of(...)} or a list prepared once per workload) and it is kept as is.
 *
 * @param timeMillis when it happened, epoch milliseconds; windows and cooldowns are measured in this time
 * @param kind       what happened
 * @param api        the API's name, or {@code ""}
 * @param source     who: the client address or workload; for operational events the feed or log name
 * @param groups     the caller's groups (security groups or identity groups), possibly empty
 * @param value      a gauge's value ({@link Kind#AUDIT_LAG}: records or milliseconds behind); otherwise 1
 * @param detail     a short explanation (operational failures); never a secret
 */
public record AlertEvent(long timeMillis, Kind kind, String api, String source, List<String> groups, long value,
                         String detail) {

    /** What happened. */
    public enum Kind {
        /** A request that was admitted. */
        REQUEST,
        /** A request that was denied (any layer). */
        DENIAL,
        /** A failed authentication (bad or missing token, certificate not bound to the caller). */
        AUTH_FAILURE,
        /** A sample of how far the audit log is behind. */
        AUDIT_LAG,
        /** A threat feed could not be refreshed; the previous list stays in force. */
        FEED_FAILURE,
        /** The audit log could not write. */
        AUDIT_FAILURE
    }

    public AlertEvent {
        requireNonNull(kind, "kind");
        requireNonNull(api, "api");
        requireNonNull(source, "source");
        groups = List.copyOf(groups);
        requireNonNull(detail, "detail");
    }

    public static AlertEvent request(long timeMillis, String api, String source) {
        return new AlertEvent(timeMillis, Kind.REQUEST, api, source, List.of(), 1, "");
    }

    public static AlertEvent denial(long timeMillis, String api, String source, List<String> groups) {
        return new AlertEvent(timeMillis, Kind.DENIAL, api, source, groups, 1, "");
    }

    public static AlertEvent authFailure(long timeMillis, String api, String source, List<String> groups) {
        return new AlertEvent(timeMillis, Kind.AUTH_FAILURE, api, source, groups, 1, "");
    }

    /** An audit-lag sample; {@code log} names the audit log ({@code ""} for the only one). */
    public static AlertEvent auditLag(long timeMillis, String log, long lag) {
        return new AlertEvent(timeMillis, Kind.AUDIT_LAG, "", log, List.of(), lag, "");
    }

    public static AlertEvent feedFailure(long timeMillis, String feed, String reason) {
        return new AlertEvent(timeMillis, Kind.FEED_FAILURE, "", feed, List.of(), 1, reason);
    }

    public static AlertEvent auditFailure(long timeMillis, String log, String reason) {
        return new AlertEvent(timeMillis, Kind.AUDIT_FAILURE, "", log, List.of(), 1, reason);
    }
}
