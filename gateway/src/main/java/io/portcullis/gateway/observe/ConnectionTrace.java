package io.portcullis.gateway.observe;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.portcullis.decision.Admission;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Source;
import io.portcullis.gateway.ConnectionContext;
import io.portcullis.gateway.limit.InFlight;
import io.portcullis.gateway.limit.SourcePenalties;
import io.portcullis.gateway.metrics.ApiMeters;
import io.portcullis.gateway.metrics.Rejections;
import io.portcullis.time.Ticker;
import java.time.Clock;

/**
 * The connection's reporter, first in its pipeline: counts the bytes in each direction, emits the
 * {@link ConnectionEvent}s, and charges the source's refusals to its {@link SourcePenalties}. What the stages
 * learned about the connection is in its {@link ConnectionContext}, which this reads for the events. Refusing
 * stages call {@link #refused} (which also counts and logs the refusal in {@link Rejections}) and then close.
 *
 * <p>Design: the first handler of the connection's pipeline, so it sees the raw bytes (TLS records included) and
 * the close; byte counting is two additions per read or write. Every method runs on the connection's event loop
 * (HTTP/2 streams share their connection's loop), so the state is plain fields. At most one terminal event
 * ({@code REFUSED} or {@code CLOSED}) is emitted, and a refusal is counted only as that terminal event: each
 * connection's cause is counted once; the active-connections gauge counts admitted connections until they close.
 */
public final class ConnectionTrace extends ChannelDuplexHandler {

    private final ConnectionContext connection;
    /** The digest of the plan the API was serving when the connection was accepted. */
    private final String plan;
    private final ApiMeters meters;
    private final SafeListener listener;
    private final Rejections rejections;
    private final Clock clock;
    private final Ticker ticker;
    private final SourcePenalties penalties;
    private long bytesReceived;
    private long bytesSent;
    private boolean ended;

    public ConnectionTrace(ConnectionContext connection, ApiMeters meters, String plan, SafeListener listener,
                           Rejections rejections, Clock clock, Ticker ticker, SourcePenalties penalties) {
        this.plan = requireNonNull(plan, "plan");
        this.connection = requireNonNull(connection, "connection");
        this.meters = requireNonNull(meters, "meters");
        this.listener = requireNonNull(listener, "listener");
        this.rejections = requireNonNull(rejections, "rejections");
        this.clock = requireNonNull(clock, "clock");
        this.ticker = requireNonNull(ticker, "ticker");
        this.penalties = requireNonNull(penalties, "penalties");
    }

    /** Whether the application's listener admits new connections and requests now. */
    public boolean listenerAdmitting() {
        return listener.admitting();
    }

    /**
     * Charges a refusal of one of the connection's requests to its source ({@link SourcePenalties}); false when the
     * source's budget is spent (it sits out a penalty now) and the connection must close. Before admission there
     * is no source to charge.
     */
    public boolean mayBeRefusedAgain() {
        String sourceKey = connection.sourceKey();
        if (sourceKey == null) {
            return true;
        }
        long now = ticker.read();
        return penalties.of(sourceKey, now).charge(now);
    }

    /** Whether the connection's source sits out a penalty now (then none of its requests is served). */
    public boolean sourcePenalized() {
        String sourceKey = connection.sourceKey();
        return sourceKey != null && penalties.penalized(sourceKey, ticker.read());
    }

    /** The connection is closed for abuse (a flood, a protocol error): its source sits out a penalty at once. */
    public void strike() {
        String sourceKey = connection.sourceKey();
        if (sourceKey != null) {
            long now = ticker.read();
            penalties.of(sourceKey, now).strike(now);
        }
    }

    /**
     * Every connection-level check passed: recorded in the context ({@link ConnectionContext#admitted}), counted,
     * and reported.
     */
    public void admitted(Admission admitted, InFlight requests, String sourceKey) {
        connection.admitted(admitted, requests, sourceKey);
        meters.connectionOpened();
        meters.connectionDecision(admitted.decision());
        emit(ConnectionEvent.Phase.ADMITTED, admitted.decision(), admitted.source(), "");
    }

    /** A stage refused the connection (the caller closes it). */
    public void refused(Decision decision) {
        refused(decision, connection.source(), "");
    }

    /**
     * A stage refused the connection (the caller closes it).
     *
     * @param source what the network layer resolved, when it was asked
     * @param blocklist the list that blocked the connection, or {@code ""}
     */
    public void refused(Decision decision, Source source, String blocklist) {
        if (ended) {
            // The connection already ended (refused, or closed): what a later stage reports as it unwinds (a TLS
            // handshake cut short by the close) is a consequence, not a cause, and is not counted again.
            return;
        }
        ended = true;
        rejections.record(decision, connection.peer());
        meters.connectionDecision(decision);
        emit(ConnectionEvent.Phase.REFUSED, decision, source, blocklist);
    }

    private void emit(ConnectionEvent.Phase phase, Decision decision, Source source, String blocklist) {
        if (!listener.listening()) {
            return;
        }
        listener.connection(new ConnectionEvent(phase, clock.instant(), connection.id(), connection.api(),
                connection.peer(), connection.sourceAddress(), connection.vpcEndpoint(), decision, source, blocklist,
                connection.clientIdentity(), bytesReceived, bytesSent, ticker.read() - connection.acceptedNanos(), plan));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            bytesReceived += buf.readableBytes();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf) {
            bytesSent += buf.readableBytes();
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Admission admission = connection.admission();
        if (admission != null) {
            meters.connectionClosed();
            if (!ended) {
                ended = true;
                emit(ConnectionEvent.Phase.CLOSED, admission.decision(), admission.source(), "");
            }
        }
        ctx.fireChannelInactive();
    }
}
