package io.portcullis.audit;

/**
 * What the gateway does when the audit log cannot take a record: its queue is full (the disk is slower than the
 * traffic) or a write or fsync failed. Either way an {@link AuditAlert} fires.
 */
public enum FailurePolicy {
    /**
     * The default: stop admitting requests. {@link AuditLog#append} returns {@code false} and
     * {@link AuditLog#admitting()} stays false until the queue has drained to half; after a disk failure it stays
     * false until the log is reopened. No request goes unaudited.
     */
    FAIL_CLOSED,
    /** Keep admitting; records that cannot be queued or written are dropped and counted in {@link AuditLog#dropped()}. */
    FAIL_OPEN
}
