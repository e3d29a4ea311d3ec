package io.portcullis.gateway.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.portcullis.time.Ticker;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fires {@link IdleStateEvent#ALL_IDLE_STATE_EVENT} down the pipeline when a connection has neither read nor
 * flushed anything for the idle timeout; the stage that knows whether a request is in flight decides to close.
 *
 * <p>Design: activity is a timestamp taken at each read-complete and each flush (once per read batch and once per
 * response, rather than Netty's {@code IdleStateHandler}, which puts a listener and, for void promises, a new
 * promise on every write). One check is scheduled at a time: it fires the event when the connection was idle for
 * the whole timeout and otherwise reschedules itself for the time left, so an active connection costs one
 * scheduled task per timeout period. Time is read from the gateway's {@link Ticker}; the timer only says when to
 * look. Event-loop confined.
 */
final class IdleTimeout extends ChannelDuplexHandler implements Runnable {

    private final long idleNanos;
    private final Ticker ticker;
    private ChannelHandlerContext context;
    private long lastActivity;
    private ScheduledFuture<?> check;

    IdleTimeout(Duration idle, Ticker ticker) {
        this.idleNanos = idle.toNanos();
        this.ticker = ticker;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
    }

    /**
     * The timer starts when the connection is admitted: the guard in front passes {@code channelActive} on only
     * then, so a connection refused at accept (a penalized source reconnecting thousands of times a second, say)
     * never schedules a check (and never cancels one).
     */
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (check == null) {
            start();
        }
        ctx.fireChannelActive();
    }

    private void start() {
        lastActivity = ticker.read();
        check = context.executor().schedule(this, idleNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        lastActivity = ticker.read();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        lastActivity = ticker.read();
        ctx.flush();
    }

    @Override
    public void run() {
        check = null;
        if (!context.channel().isOpen()) {
            return;
        }
        long idleFor = ticker.read() - lastActivity;
        if (idleFor >= idleNanos) {
            check = context.executor().schedule(this, idleNanos, TimeUnit.NANOSECONDS);
            context.fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        } else {
            check = context.executor().schedule(this, idleNanos - idleFor, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    private void stop() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }
}
