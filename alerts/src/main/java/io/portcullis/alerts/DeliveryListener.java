package io.portcullis.alerts;

/**
 * Hears how webhook deliveries end, on the delivery thread (e.g. for metrics). Exceptions are logged and ignored.
 */
public interface DeliveryListener {

    DeliveryListener NONE = new DeliveryListener() {};

    /** The webhook answered 2xx on attempt {@code attempts}. */
    default void delivered(Alert alert, int attempts) {}

    /**
     * Delivery was abandoned after {@code attempts} attempts: the last failure was not worth retrying (a 4xx
     * other than 408 or 429) or attempts ran out. {@code reason} is the last failure, never a secret.
     */
    default void gaveUp(Alert alert, int attempts, String reason) {}

    /** The delivery queue was full: the alert was logged but not posted. */
    default void overflowed(Alert alert) {}
}
