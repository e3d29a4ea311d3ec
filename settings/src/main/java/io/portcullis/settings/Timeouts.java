package io.portcullis.settings;

import java.time.Duration;

/**
 * The timeouts of one API. Each bounds how long a client or an upstream can hold a connection (and the upstream
 * connection behind it) without making progress.
 *
 * @param connect opening a connection to the upstream (502 when exceeded)
 * @param headerRead from the first byte of a request head to its end (slow heads are closed with 408)
 * @param idle a client connection with no request in flight and no traffic is closed after this long
 * @param upstreamResponse from the end of the request to the upstream's response head (504 when exceeded)
 * @param bodyRead between two reads of a request body that is not complete (408 when no response started, else
 *        the connection or stream is closed)
 * @param send how long a response may wait for a client that does not read it (its connection or stream stays
 *        unwritable); then it is closed, and so is the upstream connection
 */
public record Timeouts(Duration connect, Duration headerRead, Duration idle, Duration upstreamResponse,
                       Duration bodyRead, Duration send) {

    /** 5 s connect, 10 s header read, 60 s idle, 30 s upstream response, 15 s body read, 30 s send. */
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofSeconds(30));

    public Timeouts {
        Checks.positive("connect", connect);
        Checks.positive("headerRead", headerRead);
        Checks.positive("idle", idle);
        Checks.positive("upstreamResponse", upstreamResponse);
        Checks.positive("bodyRead", bodyRead);
        Checks.positive("send", send);
    }

    /** The four timeouts given, with the default body-read and send timeouts. */
    public static Timeouts of(Duration connect, Duration headerRead, Duration idle, Duration upstreamResponse) {
        return new Timeouts(connect, headerRead, idle, upstreamResponse, DEFAULT.bodyRead(), DEFAULT.send());
    }
}
