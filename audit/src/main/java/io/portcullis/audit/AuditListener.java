package io.portcullis.audit;

/**
 * Receives {@link AuditAlert}s, on a dedicated thread, never a request thread. Alerts are logged as well, so the
 * default listener does nothing more.
 */
@FunctionalInterface
public interface AuditListener {

    AuditListener NONE = alert -> {};

    void onAlert(AuditAlert alert);
}
