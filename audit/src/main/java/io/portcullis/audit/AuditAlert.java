package io.portcullis.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** Something an operator must hear about: the log stopped (or resumed) keeping up, or found crash damage. */
public record AuditAlert(Type type, Instant time, String detail) {

    /** What happened. */
    public enum Type {
        /** The queue was full: the disk is slower than the traffic. */
        QUEUE_FULL,
        /** A write or fsync failed; the log accepts nothing more until reopened. */
        WRITE_FAILED,
        /** The queue drained after {@link #QUEUE_FULL}; records are accepted again. */
        RECOVERED,
        /** Opening found an incomplete record at the end of the last segment (a crash mid-write); it was moved aside. */
        TORN_TAIL
    }

    public AuditAlert {
        requireNonNull(type, "type");
        requireNonNull(time, "time");
        requireNonNull(detail, "detail");
    }
}
