package io.portcullis.bench.abuse;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Keeps {@code connections} attack connections open (or connecting) from one source address until the attack's
 * end: opens them at most {@code openPerSecond}, and opens a new one whenever the proxy closes one, so the
 * pressure lasts as long as the attack. At the end every connection is closed with SO_LINGER 0 (a reset), so an
 * attack leaves no TIME_WAIT behind on the attacker's ports.
 *
 * <p>Design: one 10 ms tick on one event loop tops the count up (the ramp and the reconnects share its budget of
 * {@code openPerSecond / 100} per tick); counts are atomics because connects complete on any loop.
 */
final class ConnectionKeeper {

    /** What to keep open and how fast to open it. */
    record Plan(InetSocketAddress target, InetAddress source, int connections, int openPerSecond) {
        Plan {
            requireNonNull(target, "target");
            requireNonNull(source, "source");
            if (connections <= 0) {
                throw new IllegalArgumentException("connections: %s (expected: > 0)".formatted(connections));
            }
            if (openPerSecond <= 0) {
                throw new IllegalArgumentException("openPerSecond: %s (expected: > 0)".formatted(openPerSecond));
            }
        }
    }

    /** Set by a handler that closes its own connection, so the close is not counted as the proxy's. */
    static final AttributeKey<Boolean> SELF_CLOSED = AttributeKey.valueOf("abuse.selfClosed");

    private static final long TICK_MILLIS = 10;

    private final Loops loops;
    private final Plan plan;
    private final AttackStats stats;
    private final Bootstrap bootstrap;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicInteger live = new AtomicInteger();
    private volatile boolean stopping;

    /** {@code handlers} gives each new connection its handler; {@code receiveBuffer} 0 keeps the default. */
    ConnectionKeeper(Loops loops, Plan plan, Supplier<ChannelHandler> handlers, boolean autoRead, int receiveBuffer,
            AttackStats stats) {
        this.loops = loops;
        this.plan = plan;
        this.stats = stats;
        this.bootstrap = new Bootstrap().group(loops.group()).channel(loops.channelType())
                .option(ChannelOption.SO_LINGER, 0)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.AUTO_READ, autoRead)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(new io.netty.channel.ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(handlers.get());
                    }
                });
        if (receiveBuffer > 0) {
            bootstrap.option(ChannelOption.SO_RCVBUF, receiveBuffer);
        }
    }

    boolean stopping() {
        return stopping;
    }

    /** Runs the attack for {@code duration}, reporting progress every 5 s on stderr; returns the count open at the end. */
    int run(Duration duration) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        int perTick = (int) Math.max(1, plan.openPerSecond() * TICK_MILLIS / 1000);
        ScheduledFuture<?> tick = loops.group().next().scheduleAtFixedRate(() -> {
            int missing = plan.connections() - live.get();
            for (int i = 0; i < Math.min(missing, perTick) && !stopping; i++) {
                open();
            }
        }, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        long nextReport = start + TimeUnit.SECONDS.toNanos(5);
        for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
            TimeUnit.NANOSECONDS.sleep(Math.min(end, nextReport) - now);
            if (System.nanoTime() >= nextReport) {
                System.err.printf("abuse: %.0f s: %d open, %d opened%n", (System.nanoTime() - start) / 1e9,
                        stats.open(), stats.get("opened"));
                nextReport += TimeUnit.SECONDS.toNanos(5);
            }
        }
        stopping = true;
        stats.end();
        tick.cancel(false);
        int openAtEnd = stats.open();
        channels.close().await(5, TimeUnit.SECONDS);
        return openAtEnd;
    }

    private void open() {
        live.incrementAndGet();
        ChannelFuture f = bootstrap.connect(plan.target(), new InetSocketAddress(plan.source(), 0));
        f.addListener(done -> {
            if (!done.isSuccess()) {
                live.decrementAndGet();
                if (!stopping) {
                    stats.count("connect_failed");
                    Throwable cause = done.cause();
                    stats.count("connect_failed." + (cause == null ? "?" : cause.getClass().getSimpleName()));
                }
                return;
            }
            Channel ch = f.channel();
            long opened = System.nanoTime();
            stats.opened();
            channels.add(ch);
            ch.closeFuture().addListener(closed -> {
                live.decrementAndGet();
                stats.closed(!stopping && ch.attr(SELF_CLOSED).get() == null,
                        (System.nanoTime() - opened) / 1_000_000);
            });
        });
    }
}
