package io.portcullis.gateway.guard;

import static java.util.Objects.requireNonNull;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.portcullis.decision.Admission;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Source;
import io.portcullis.gateway.ConnectionContext;
import io.portcullis.gateway.observe.ConnectionTrace;
import io.portcullis.gateway.observe.DecisionShadow;
import io.portcullis.gateway.observe.GatewayListener;
import io.portcullis.gateway.limit.SourcePenalties;
import io.portcullis.gateway.proxy.SourceResolved;
import io.portcullis.settings.Limits;
import io.portcullis.time.Ticker;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The connection filter that admits or refuses a connection before any HTTP (or TLS) byte is read from it.
 *
 * <p>Design: the first stage after the PROXY stage (or the first stage, without PROXY protocol), on a channel
 * whose auto-read is off. At accept ({@code channelActive}, which the PROXY stage passes on at once) it checks the
 * TCP peer against the blocklist and takes the API-wide connection slot, so a connection still sending its PROXY
 * header counts like any other. The source is then known at once (no PROXY protocol) or from the PROXY stage's
 * first message down the pipeline, its {@link SourceResolved}. For the source it asks whether the listener admits
 * (a fail-closed audit log), checks the blocklist again, asks the {@link ConnectionGuard}, and takes the source's
 * connection-limit slots (the guard's decision is also told to the {@link DecisionShadow}, if one is active);
 * only then does it record the admission in the {@link ConnectionContext}, switch
 * auto-read on and pass {@code channelActive} to the later stages, so a stage past this one only ever runs on an
 * admitted connection. Nothing read before the admission passes it. Each outcome goes to the connection's
 * {@link ConnectionTrace} (a refusal is counted, logged and reported there), and a refusal closes the channel
 * without reading. A guard that throws refuses (fail closed). One instance per connection; every step runs on the
 * channel's event loop.
 */
public final class AcceptGuardHandler extends ChannelInboundHandlerAdapter {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AcceptGuardHandler.class);

    private final boolean sourceFromProxyHeader;
    private final ConnectionGuard guard;
    private final Blocklist blocklist;
    private final ConnectionLimiter limiter;
    private final Supplier<Limits> limits;
    private final ConnectionContext connection;
    private final ConnectionTrace trace;
    private final Clock clock;
    private final Ticker ticker;
    private final SourcePenalties penalties;
    private final DecisionShadow shadow;
    private ConnectionLimiter.Lease lease;
    private boolean decided;
    private boolean admitted;

    public AcceptGuardHandler(boolean sourceFromProxyHeader, ConnectionGuard guard,
                              Blocklist blocklist, ConnectionLimiter limiter, Supplier<Limits> limits,
                              ConnectionContext connection, ConnectionTrace trace, Clock clock, Ticker ticker,
                              SourcePenalties penalties, DecisionShadow shadow) {
        this.sourceFromProxyHeader = sourceFromProxyHeader;
        this.guard = requireNonNull(guard, "guard");
        this.blocklist = requireNonNull(blocklist, "blocklist");
        this.limiter = requireNonNull(limiter, "limiter");
        this.limits = requireNonNull(limits, "limits");
        this.connection = requireNonNull(connection, "connection");
        this.trace = requireNonNull(trace, "trace");
        this.clock = requireNonNull(clock, "clock");
        this.ticker = requireNonNull(ticker, "ticker");
        this.penalties = requireNonNull(penalties, "penalties");
        this.shadow = requireNonNull(shadow, "shadow");
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
        if (!sourceFromProxyHeader) {
            connection.sourceResolved(peer, "");
        }
        if (refusedByBlocklist(ctx, peer, "TCP peer")) {
            return;
        }
        // The API-wide slot is taken now, before a PROXY header names the source: a connection still sending its
        // header holds a socket like any other.
        ConnectionLimiter.Lease accepted = limiter.tryAccept(limits.get());
        if (!accepted.granted()) {
            refuse(ctx, Decision.deny(GuardReasons.TOO_MANY_CONNECTIONS, "limits", accepted.refusedBy()), null);
            return;
        }
        lease = accepted;
        if (!sourceFromProxyHeader) {
            decide(ctx, peer, "");
        }
    }

    /** The PROXY stage's {@link SourceResolved} is decided on; bytes pass only once the connection is admitted. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof SourceResolved resolved) {
            connection.sourceResolved(resolved.source(), resolved.vpcEndpointId());
            decide(ctx, resolved.source(), resolved.vpcEndpointId());
        } else if (admitted) {
            ctx.fireChannelRead(msg);
        } else {
            ReferenceCountUtil.release(msg); // a refused connection's leftovers (it reads nothing before admission)
        }
    }

    private void decide(ChannelHandlerContext ctx, InetSocketAddress source, String vpcEndpointId) {
        if (decided || !ctx.channel().isActive()) {
            return;
        }
        decided = true;
        if (!trace.listenerAdmitting()) {
            refuse(ctx, Decision.deny(GatewayListener.EVIDENCE_UNAVAILABLE, "listener",
                    "a gateway listener is not admitting"), null);
            return;
        }
        if (refusedByBlocklist(ctx, source, "source")) {
            return;
        }
        Admission admission;
        long now = clock.millis();
        try {
            admission = guard.admit(connection.api(), source.getAddress(), vpcEndpointId, now);
        } catch (RuntimeException e) {
            refuse(ctx, Decision.deny(GuardReasons.GUARD_ERROR, "", "connection guard failed: " + e), null);
            return;
        }
        if (admission != null && shadow.active()) {
            try {
                shadow.connection(connection.api(), source.getAddress(), vpcEndpointId, now, admission);
            } catch (RuntimeException e) { // the shadow counts its own failures; the live decision stands
            }
        }
        if (admission == null || !admission.admitted()) {
            if (admission == null) {
                refuse(ctx, Decision.deny(GuardReasons.GUARD_ERROR, "", "connection guard returned no admission"),
                        null);
            } else {
                refuse(ctx, admission.decision(), admission.source());
            }
            return;
        }
        String sourceKey = ConnectionLimiter.sourceKey(admission.source());
        if (penalties.penalized(sourceKey, ticker.read())) {
            refuse(ctx, Decision.deny(GuardReasons.SOURCE_PENALIZED, "penalties", sourceKey
                    + " sits out a penalty for repeated refusals or floods"), admission.source());
            return;
        }
        if (!lease.tryAdmit(admission.source(), limits.get())) {
            refuse(ctx, Decision.deny(GuardReasons.TOO_MANY_CONNECTIONS, "limits", lease.refusedBy()),
                    admission.source());
            return;
        }
        trace.admitted(admission, lease.requests(), sourceKey);
        admitted = true;
        ctx.channel().config().setAutoRead(true);
        ctx.fireChannelActive();
    }

    private boolean refusedByBlocklist(ChannelHandlerContext ctx, InetSocketAddress address, String which) {
        String list = blocklist.blockedBy(address.getAddress());
        if (list == null) {
            return false;
        }
        trace.refused(Decision.deny(GuardReasons.BLOCKLISTED, "blocklist " + list, which + " "
                + address.getAddress().getHostAddress() + " is blocklisted"), null, list);
        ctx.close();
        return true;
    }

    private void refuse(ChannelHandlerContext ctx, Decision decision, Source source) {
        trace.refused(decision, source, "");
        ctx.close();
    }

    /**
     * I/O errors (resets, broken pipes) end the connection quietly; errors raised by later stages reach their own
     * handlers, which are closer to the tail.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection error peer={}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (lease != null) {
            lease.release();
        }
        ctx.fireChannelInactive();
    }
}
