package io.portcullis.alerts;

/**
 * Receives every fired alert, on the alert thread, after it is logged and before it is queued for the webhook
 * (e.g. the runtime's metrics). Must be quick and must not block; exceptions are logged and ignored.
 */
@FunctionalInterface
public interface AlertSink {

    void accept(Alert alert);
}
