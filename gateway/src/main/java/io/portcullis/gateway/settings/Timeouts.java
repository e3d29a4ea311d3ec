package io.portcullis.gateway.settings;

import java.time.Duration;

/**
 * The timeouts of one API.
 *
 * @param connect opening a connection to the upstream (502 when exceeded)
 * @param headerRead from the first byte of a request head to its end (slow heads are closed with 408)
 * @param idle a client connection with no request in flight and no traffic is closed after this long
 * @param upstreamResponse from the end of the request to the upstream's response head (504 when exceeded)
 */
public record Timeouts(Duration connect, Duration headerRead, Duration idle, Duration upstreamResponse) {

    /** 5 s connect, 10 s header read, 60 s idle, 30 s upstream response. */
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(60), Duration.ofSeconds(30));

    public Timeouts {
        Checks.positive("connect", connect);
        Checks.positive("headerRead", headerRead);
        Checks.positive("idle", idle);
        Checks.positive("upstreamResponse", upstreamResponse);
    }
}
