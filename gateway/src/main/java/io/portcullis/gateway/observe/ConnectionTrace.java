package io.portcullis.gateway.observe;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.portcullis.decision.Admission;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Source;
import io.portcullis.gateway.limit.SourcePenalties;
import io.portcullis.gateway.limit.InFlight;
import io.portcullis.gateway.metrics.ApiMeters;
import io.portcullis.gateway.metrics.Rejections;
import io.portcullis.gateway.tls.ClientIdentity;
import java.net.InetSocketAddress;
import java.time.Clock;

/**
 * The record of one client connection, shared by its pipeline stages: what they learned (source, admission,
 * client certificate), the bytes in each direction, and the {@link ConnectionEvent}s it emits. Refusing stages
 * call {@link #refused} (which also counts and logs the refusal in {@link Rejections}) and then close.
 *
 * <p>Design: the first handler of the connection's pipeline, so it sees the raw bytes (TLS records included) and
 * the close; byte counting is two additions per read or write. Every method runs on the connection's event loop
 * (HTTP/2 streams share their connection's loop), so the state is plain fields. At most one terminal event
 * ({@code REFUSED} or {@code CLOSED}) is emitted; the active-connections gauge counts admitted connections until
 * they close.
 */
public final class ConnectionTrace extends ChannelDuplexHandler {

    private final long id;
    private final String api;
    private final InetSocketAddress peer;
    private final ApiMeters meters;
    private final SafeListener listener;
    private final Rejections rejections;
    private final Clock clock;
    private final long acceptedNanos = System.nanoTime();
    private InetSocketAddress sourceAddress;
    private String vpcEndpoint = "";
    private Admission admission;
    private InFlight requests;
    private long admittedEpoch = -1;
    private long admittedAtNanos;
    private ClientIdentity clientIdentity;
    private long bytesReceived;
    private long bytesSent;
    private boolean ended;
    private final SourcePenalties penalties;
    private String sourceKey;

    public ConnectionTrace(long id, String api, InetSocketAddress peer, ApiMeters meters, SafeListener listener,
                           Rejections rejections, Clock clock, SourcePenalties penalties) {
        this.id = id;
        this.api = requireNonNull(api, "api");
        this.peer = requireNonNull(peer, "peer");
        this.meters = requireNonNull(meters, "meters");
        this.listener = requireNonNull(listener, "listener");
        this.rejections = requireNonNull(rejections, "rejections");
        this.clock = requireNonNull(clock, "clock");
        this.penalties = requireNonNull(penalties, "penalties");
    }

    public long id() {
        return id;
    }

    /** The API the connection arrived at. */
    public String api() {
        return api;
    }

    /** The source address and port once known (after the PROXY header), else {@code null}. */
    public InetSocketAddress sourceAddress() {
        return sourceAddress;
    }

    /** The admission, once the connection was admitted; {@code null} before. */
    public Admission admission() {
        return admission;
    }

    /** The admitted source's requests in flight, over all its connections ({@code null} before admission). */
    public InFlight requests() {
        return requests;
    }

    public ClientIdentity clientIdentity() {
        return clientIdentity;
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
        return sourceKey == null || penalties.of(sourceKey).charge(System.nanoTime());
    }

    /** Whether the connection's source sits out a penalty now (then none of its requests is served). */
    public boolean sourcePenalized() {
        return sourceKey != null && penalties.penalized(sourceKey, System.nanoTime());
    }

    /** The connection is closed for abuse (a flood, a protocol error): its source sits out a penalty at once. */
    public void strike() {
        if (sourceKey != null) {
            penalties.of(sourceKey).strike(System.nanoTime());
        }
    }

    /** The source is known: the TCP peer, or the client named by a trusted PROXY header. */
    public void sourceResolved(InetSocketAddress source, String vpce) {
        this.sourceAddress = requireNonNull(source, "source");
        this.vpcEndpoint = requireNonNull(vpce, "vpce");
    }

    /** The verified client certificate, after the TLS handshake. */
    public void clientIdentity(ClientIdentity identity) {
        this.clientIdentity = identity;
    }

    /** The TCP peer (a load balancer's address when a PROXY header names the client). */
    public InetSocketAddress peer() {
        return peer;
    }

    /** The VPC endpoint the connection came through ({@code ""} when none). */
    public String vpcEndpoint() {
        return vpcEndpoint;
    }

    /**
     * The connection was admitted again under the plan in force ({@link io.portcullis.gateway.guard.Readmission}):
     * later requests see this admission (its source's groups may have changed).
     */
    public void readmitted(Admission now, long epoch, long nowNanos) {
        if (admission != null && now.admitted()) {
            this.admission = now;
            this.admittedEpoch = epoch;
            this.admittedAtNanos = nowNanos;
        }
    }

    /**
     * Whether the admission can be taken as current for a request now: decided in this plan epoch, less than
     * {@link io.portcullis.gateway.guard.Readmission#GUARD_EVERY_NANOS} ago.
     */
    public boolean admissionCurrent(long epoch, long nowNanos) {
        return admittedEpoch == epoch
                && nowNanos - admittedAtNanos < io.portcullis.gateway.guard.Readmission.GUARD_EVERY_NANOS;
    }

    /**
     * Every connection-level check passed; {@code requests} counts the source's requests in flight, and
     * {@code sourceKey} names it to the limiter and the penalties.
     */
    public void admitted(Admission admitted, InFlight requests, String sourceKey) {
        this.admission = requireNonNull(admitted, "admitted");
        this.requests = requireNonNull(requests, "requests");
        this.sourceKey = requireNonNull(sourceKey, "sourceKey");
        meters.connectionOpened();
        meters.connectionDecision(admitted.decision());
        emit(ConnectionEvent.Phase.ADMITTED, admitted.decision(), admitted.source(), "");
    }

    /** A stage refused the connection (the caller closes it). */
    public void refused(Decision decision) {
        refused(decision, admission == null ? null : admission.source(), "");
    }

    /**
     * A stage refused the connection (the caller closes it).
     *
     * @param source what the network layer resolved, when it was asked
     * @param blocklist the list that blocked the connection, or {@code ""}
     */
    public void refused(Decision decision, Source source, String blocklist) {
        rejections.record(decision, peer);
        if (ended) {
            return;
        }
        ended = true;
        meters.connectionDecision(decision);
        emit(ConnectionEvent.Phase.REFUSED, decision, source, blocklist);
    }

    private void emit(ConnectionEvent.Phase phase, Decision decision, Source source, String blocklist) {
        if (!listener.listening()) {
            return;
        }
        listener.connection(new ConnectionEvent(phase, clock.instant(), id, api, peer, sourceAddress, vpcEndpoint,
                decision, source, blocklist, clientIdentity, bytesReceived, bytesSent,
                System.nanoTime() - acceptedNanos));
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
