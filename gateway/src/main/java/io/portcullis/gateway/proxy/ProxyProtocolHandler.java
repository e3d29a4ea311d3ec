package io.portcullis.gateway.proxy;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.portcullis.decision.Reason;
import io.portcullis.gateway.net.PrefixTrie;
import io.portcullis.gateway.observe.ConnectionTrace;
import io.portcullis.settings.ProxyProtocol;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Applies an API's PROXY protocol mode to one connection: the first stage of its pipeline, it passes the source
 * down to the connection guard behind it as its first message, a {@link SourceResolved}, so the guard decides on
 * the true source before any byte after the header is passed on.
 *
 * <p>Design: one instance per connection; the channel must start with auto-read off. {@code channelActive} is
 * passed on first, so the guard's accept-time checks (the TCP peer's blocklist, the API's connection limit) run
 * before anything is read, and nothing is read from a connection they refused. A trusted peer's header is
 * read with explicit {@code read()} calls until complete (bounded by the header-read timeout); an untrusted
 * peer is refused at once when a header is required, and otherwise resolved to itself and watched so that a
 * header it sends anyway is refused. After a header, the next bytes are watched the same way, so a second
 * header is refused. The handler removes itself as soon as the first non-header bytes arrive, handing them on.
 * Not used when the API's mode is {@link ProxyProtocol#OFF}.
 */
public final class ProxyProtocolHandler extends ByteToMessageDecoder {

    private final ProxyProtocol mode;
    private final PrefixTrie<Boolean> trustedProxies;
    private final ConnectionTrace trace;
    private final Duration headerTimeout;
    private InetSocketAddress peer;
    private boolean awaitingHeader;
    private Reason forbiddenHeaderReason;
    private ScheduledFuture<?> timeout;

    public ProxyProtocolHandler(ProxyProtocol mode, PrefixTrie<Boolean> trustedProxies, ConnectionTrace trace,
                                Duration headerTimeout) {
        this.mode = requireNonNull(mode, "mode");
        if (mode == ProxyProtocol.OFF) {
            throw new IllegalArgumentException("mode: off (expected: optional or required)");
        }
        this.trustedProxies = requireNonNull(trustedProxies, "trustedProxies");
        this.trace = requireNonNull(trace, "trace");
        this.headerTimeout = requireNonNull(headerTimeout, "headerTimeout");
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        peer = (InetSocketAddress) ctx.channel().remoteAddress();
        ctx.fireChannelActive();
        if (!ctx.channel().isActive()) {
            return; // refused at accept by the guard
        }
        if (trustedProxies.contains(peer.getAddress())) {
            awaitingHeader = true;
            timeout = ctx.executor().schedule(() -> refuse(ctx, ProxyReasons.HEADER_TIMEOUT,
                    "no complete header within " + headerTimeout), headerTimeout.toNanos(), TimeUnit.NANOSECONDS);
            ctx.read();
        } else if (mode == ProxyProtocol.REQUIRED) {
            refuse(ctx, ProxyReasons.UNTRUSTED_PROXY, "peer not in trustedProxies and proxyProtocol is required");
        } else {
            forbiddenHeaderReason = ProxyReasons.UNTRUSTED_PROXY;
            resolve(ctx, peer, "");
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!ctx.channel().isActive()) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (awaitingHeader) {
            readHeader(ctx, in);
        } else {
            watchForHeader(ctx, in);
        }
    }

    private void readHeader(ChannelHandlerContext ctx, ByteBuf in) {
        ProxyHeaderDecoder.Detection detection = ProxyHeaderDecoder.detect(in);
        if (detection == ProxyHeaderDecoder.Detection.NOT_PROXY) {
            if (mode == ProxyProtocol.REQUIRED) {
                refuse(ctx, ProxyReasons.MISSING_HEADER, "connection did not start with a PROXY header");
                in.skipBytes(in.readableBytes());
                return;
            }
            awaitingHeader = false;
            cancelTimeout();
            resolve(ctx, peer, "");
            done(ctx);
            return;
        }
        ProxyHeader header;
        try {
            header = ProxyHeaderDecoder.decode(in);
        } catch (ProxyHeaderException e) {
            refuse(ctx, e.reason(), e.getMessage());
            in.skipBytes(in.readableBytes());
            return;
        }
        if (header == null) {
            ctx.read();
            return;
        }
        awaitingHeader = false;
        cancelTimeout();
        forbiddenHeaderReason = ProxyReasons.DUPLICATE_HEADER;
        resolve(ctx, header.source().orElse(peer), header.vpcEndpointId());
        if (in.isReadable() && ctx.channel().isActive()) {
            watchForHeader(ctx, in);
        }
    }

    private void watchForHeader(ChannelHandlerContext ctx, ByteBuf in) {
        switch (ProxyHeaderDecoder.detect(in)) {
            case NOT_PROXY -> done(ctx);
            case NEED_MORE -> ctx.read();
            case V1, V2 -> {
                refuse(ctx, forbiddenHeaderReason, forbiddenHeaderReason == ProxyReasons.DUPLICATE_HEADER
                        ? "a second PROXY header" : "PROXY header from a peer not in trustedProxies");
                in.skipBytes(in.readableBytes());
            }
        }
    }

    /** Passes the source down to the guard, which decides (and may close the channel) before this returns. */
    private void resolve(ChannelHandlerContext ctx, InetSocketAddress source, String vpce) {
        ctx.fireChannelRead(new SourceResolved(source, vpce));
    }

    private void done(ChannelHandlerContext ctx) {
        ctx.pipeline().remove(this);
    }

    private void refuse(ChannelHandlerContext ctx, Reason reason, String detail) {
        cancelTimeout();
        if (ctx.channel().isActive()) {
            trace.refused(ProxyReasons.deny(reason, detail));
            ctx.close();
        }
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        cancelTimeout();
    }
}
