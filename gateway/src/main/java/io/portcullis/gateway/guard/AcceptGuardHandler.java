package io.portcullis.gateway.guard;

import static java.util.Objects.requireNonNull;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.portcullis.decision.Decision;
import io.portcullis.engine.Admission;
import io.portcullis.gateway.ChannelAttributes;
import io.portcullis.gateway.metrics.Rejections;
import io.portcullis.gateway.proxy.SourceResolved;
import io.portcullis.gateway.settings.Limits;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The connection filter that admits or refuses a connection before anything is read from it.
 *
 * <p>Design: first in the pipeline, on a channel whose auto-read is off. On {@code channelActive} it checks the
 * TCP peer against the blocklist; the source is then known at once (no PROXY protocol) or from the
 * {@link SourceResolved} event of the PROXY stage. For the source it checks the blocklist again, asks the
 * {@link ConnectionGuard}, and takes connection-limit slots; only then does it switch auto-read on. A refusal
 * closes the channel without reading, counts and logs the decision. A guard that throws refuses (fail closed).
 * One instance per connection; every step runs on the channel's event loop.
 */
public final class AcceptGuardHandler extends ChannelInboundHandlerAdapter {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AcceptGuardHandler.class);

    private final String apiName;
    private final boolean sourceFromProxyHeader;
    private final ConnectionGuard guard;
    private final Blocklist blocklist;
    private final ConnectionLimiter limiter;
    private final Supplier<Limits> limits;
    private final Rejections rejections;
    private final Clock clock;
    private ConnectionLimiter.Lease lease;
    private boolean decided;

    public AcceptGuardHandler(String apiName, boolean sourceFromProxyHeader, ConnectionGuard guard,
                              Blocklist blocklist, ConnectionLimiter limiter, Supplier<Limits> limits,
                              Rejections rejections, Clock clock) {
        this.apiName = requireNonNull(apiName, "apiName");
        this.sourceFromProxyHeader = sourceFromProxyHeader;
        this.guard = requireNonNull(guard, "guard");
        this.blocklist = requireNonNull(blocklist, "blocklist");
        this.limiter = requireNonNull(limiter, "limiter");
        this.limits = requireNonNull(limits, "limits");
        this.rejections = requireNonNull(rejections, "rejections");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
        if (refusedByBlocklist(ctx, peer, "TCP peer")) {
            return;
        }
        if (!sourceFromProxyHeader) {
            decide(ctx, peer, "");
            if (!ctx.channel().isActive()) {
                return;
            }
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SourceResolved resolved) {
            decide(ctx, resolved.source(), resolved.vpcEndpointId());
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    private void decide(ChannelHandlerContext ctx, InetSocketAddress source, String vpcEndpointId) {
        if (decided || !ctx.channel().isActive()) {
            return;
        }
        decided = true;
        if (refusedByBlocklist(ctx, source, "source")) {
            return;
        }
        Admission admission;
        try {
            admission = guard.admit(apiName, source.getAddress(), vpcEndpointId, clock.millis());
        } catch (RuntimeException e) {
            refuse(ctx, Decision.deny(GuardReasons.GUARD_ERROR, "", "connection guard failed: " + e));
            return;
        }
        if (admission == null || !admission.admitted()) {
            refuse(ctx, admission == null
                    ? Decision.deny(GuardReasons.GUARD_ERROR, "", "connection guard returned no admission")
                    : admission.decision());
            return;
        }
        ConnectionLimiter.Lease taken = limiter.tryAcquire(admission.source(), limits.get());
        if (!taken.granted()) {
            refuse(ctx, Decision.deny(GuardReasons.TOO_MANY_CONNECTIONS, "limits", taken.refusedBy()));
            return;
        }
        lease = taken;
        ctx.channel().attr(ChannelAttributes.ADMISSION).set(admission);
        ctx.channel().attr(ChannelAttributes.SOURCE).set(admission.source());
        ctx.channel().config().setAutoRead(true);
    }

    private boolean refusedByBlocklist(ChannelHandlerContext ctx, InetSocketAddress address, String which) {
        String list = blocklist.blockedBy(address.getAddress());
        if (list == null) {
            return false;
        }
        refuse(ctx, Decision.deny(GuardReasons.BLOCKLISTED, "blocklist " + list, which + " "
                + address.getAddress().getHostAddress() + " is blocklisted"));
        return true;
    }

    private void refuse(ChannelHandlerContext ctx, Decision decision) {
        rejections.record(decision, ctx.channel().remoteAddress());
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
