package io.portcullis.gateway.upstream;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.FastThreadLocal;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Keep-alive HTTP/1.1 connections to upstreams, pooled per event loop.
 *
 * <p>Design: every client connection's exchanges run on its event loop, and so do the upstream connections they
 * open (the bootstrap uses that same loop), so a pool is a plain {@code ArrayDeque} per upstream address in a
 * {@link FastThreadLocal}: no locks, no cross-thread hand-off. Acquire pops idle connections until one is still
 * open, or connects a new one; release pushes back up to {@code maxIdlePerAddress} and closes the rest. A pooled
 * connection that closes, or receives anything, is dropped. Upstream addresses are resolved when settings are
 * compiled, never here.
 */
public final class UpstreamPools {

    private final Class<? extends SocketChannel> channelType;
    private final int maxIdlePerAddress;
    private final FastThreadLocal<Map<InetSocketAddress, ArrayDeque<Channel>>> idle = new FastThreadLocal<>() {
        @Override
        protected Map<InetSocketAddress, ArrayDeque<Channel>> initialValue() {
            return new HashMap<>();
        }
    };

    public UpstreamPools(Class<? extends SocketChannel> channelType, int maxIdlePerAddress) {
        this.channelType = requireNonNull(channelType, "channelType");
        if (maxIdlePerAddress < 0) {
            throw new IllegalArgumentException("maxIdlePerAddress: " + maxIdlePerAddress + " (expected: >= 0)");
        }
        this.maxIdlePerAddress = maxIdlePerAddress;
    }

    /**
     * An idle pooled connection (already complete future) or a new one. Must be called on {@code loop}.
     */
    public ChannelFuture acquire(EventLoop loop, InetSocketAddress address, Duration connectTimeout) {
        ArrayDeque<Channel> pool = idle.get().get(address);
        while (pool != null && !pool.isEmpty()) {
            Channel channel = pool.pollLast();
            if (channel.isActive()) {
                return channel.newSucceededFuture();
            }
        }
        return new Bootstrap().group(loop).channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new UpstreamHandler());
                        ch.closeFuture().addListener(f -> {
                            ArrayDeque<Channel> pool = idle.get().get(address);
                            if (pool != null) {
                                pool.remove(ch);
                            }
                        });
                    }
                })
                .connect(address);
    }

    /** Gives a connection whose exchange completed cleanly back to the pool of its event loop. */
    public void release(Channel channel, InetSocketAddress address) {
        UpstreamHandler handler = handler(channel);
        if (handler != null) { // null once a closed channel's pipeline is torn down
            handler.owner(null);
        }
        if (!channel.isActive()) {
            return;
        }
        if (handler == null || !handler.reusable()) {
            channel.close();
            return;
        }
        ArrayDeque<Channel> pool = idle.get().computeIfAbsent(address, a -> new ArrayDeque<>());
        if (pool.size() >= maxIdlePerAddress) {
            channel.close();
            return;
        }
        pool.addLast(channel);
        if (!channel.config().isAutoRead()) { // a change of auto-read is an atomic update; most releases need none
            channel.config().setAutoRead(true);
        }
    }

    /** The handler through which an exchange takes ownership of a connection. */
    public static UpstreamHandler handler(Channel channel) {
        return (UpstreamHandler) channel.pipeline().last(); // the pipeline built in acquire; no search by type
    }
}
