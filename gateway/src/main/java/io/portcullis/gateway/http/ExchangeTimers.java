package io.portcullis.gateway.http;

import io.netty.channel.Channel;
import io.portcullis.time.Ticker;

/**
 * The timers of the exchange in flight on one proxy stage (an HTTP/1.1 connection or an HTTP/2 stream), each a
 * bound on how long a peer can hold the exchange, and the upstream connection behind it, without progress:
 * <ul>
 *   <li>response: from the end of the request to the upstream's response head ({@code upstreamResponse});</li>
 *   <li>body: between two reads of a request body that is not complete ({@code bodyRead}). While the gateway
 *       itself stopped reading (back-pressure from the upstream, or an upstream connection still opening) the
 *       client is not to blame, so the timer starts again instead of expiring;</li>
 *   <li>send: while the client does not take the response (its channel stays unwritable) ({@code send}).</li>
 * </ul>
 *
 * <p>Design: three {@link Deadline}s, so arming on every body part or every unwritable write is a field write and
 * not a scheduled task. Each remembers the exchange it was armed for, and fires only for that one. Confined to
 * the stage's event loop; {@link #close} when the channel goes.
 */
final class ExchangeTimers {

    private final Channel channel;
    private final Deadline response;
    private final Deadline body;
    private final Deadline send;
    private Exchange awaitingResponse;
    private Exchange awaitingBody;
    private Exchange awaitingClient;
    private long bodyNanos;

    ExchangeTimers(Channel channel, Ticker ticker) {
        this.channel = channel;
        this.response = new Deadline(channel.eventLoop(), ticker, () -> {
            Exchange waiting = awaitingResponse;
            awaitingResponse = null;
            if (waiting != null) {
                waiting.responseTimedOut();
            }
        });
        this.body = new Deadline(channel.eventLoop(), ticker, this::bodyExpired);
        this.send = new Deadline(channel.eventLoop(), ticker, () -> {
            Exchange waiting = awaitingClient;
            awaitingClient = null;
            if (waiting != null) {
                waiting.sendTimedOut();
            }
        });
    }

    /** The exchange sent its whole request: its response head is due within {@code nanos}. */
    void awaitResponse(Exchange exchange, long nanos) {
        awaitingResponse = exchange;
        response.arm(nanos);
    }

    /** The exchange got its response head, or ended. */
    void responseArrived(Exchange exchange) {
        if (awaitingResponse == exchange) {
            awaitingResponse = null;
            response.disarm();
        }
    }

    /** The exchange's request body is not complete: its next part is due within {@code nanos} of now. */
    void awaitBody(Exchange exchange, long nanos) {
        awaitingBody = exchange;
        bodyNanos = nanos;
        body.arm(nanos);
    }

    /** The exchange's request body is complete, or the exchange ended. */
    void bodyDone(Exchange exchange) {
        if (awaitingBody == exchange) {
            awaitingBody = null;
            body.disarm();
        }
    }

    /** The client stopped taking the exchange's response: it must take some within {@code nanos}. */
    void awaitClient(Exchange exchange, long nanos) {
        if (awaitingClient != exchange || !send.armed()) {
            awaitingClient = exchange;
            send.arm(nanos); // from the first write that found the client unwritable, not the last
        }
    }

    /** The client takes the response again, or the exchange ended. */
    void clientReading(Exchange exchange) {
        if (awaitingClient == exchange) {
            awaitingClient = null;
            send.disarm();
        }
    }

    /** The exchange ended: none of its timers may fire. */
    void stop(Exchange exchange) {
        responseArrived(exchange);
        bodyDone(exchange);
        clientReading(exchange);
    }

    void close() {
        response.close();
        body.close();
        send.close();
    }

    private void bodyExpired() {
        Exchange waiting = awaitingBody;
        if (waiting == null) {
            return;
        }
        if (!channel.config().isAutoRead()) {
            body.arm(bodyNanos); // the gateway is not reading: the client is not slow
            return;
        }
        awaitingBody = null;
        waiting.bodyTimedOut();
    }
}
