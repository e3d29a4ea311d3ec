package io.portcullis.runtime.assurance;

/**
 * What one probe saw. {@code status} is the HTTP status the gateway answered ({@code 204}: every layer admitted
 * the probe and the gateway answered it itself; {@code 401}/{@code 403}: the network admitted it and a later layer
 * refused), {@link #CLOSED} when the connection was closed with no response (the network guard refused it, before
 * any HTTP byte was read), {@link #FAILED} when the probe could not connect, and {@link #NOT_PLAYED} when this
 * machine cannot play the position ({@code detail} says why).
 */
public record Observation(int status, String detail) {

    public static final int CLOSED = -1;
    public static final int FAILED = -2;
    public static final int NOT_PLAYED = -3;

    /** Whether the network layer let the probe in: the gateway answered it over HTTP at all. */
    public boolean networkAdmitted() {
        return status > 0;
    }

    public boolean played() {
        return status != NOT_PLAYED;
    }

    @Override
    public String toString() {
        return switch (status) {
            case CLOSED -> "closed before HTTP";
            case FAILED -> "no connection (" + detail + ")";
            case NOT_PLAYED -> "not played (" + detail + ")";
            default -> "HTTP " + status;
        };
    }
}
