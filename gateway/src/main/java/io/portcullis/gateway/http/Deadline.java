package io.portcullis.gateway.http;

import static java.util.Objects.requireNonNull;

import io.netty.util.concurrent.EventExecutor;
import io.portcullis.time.Ticker;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A timeout that is armed and disarmed once per request without scheduling and cancelling a timer each time.
 *
 * <p>Design: {@link #arm} records the deadline and schedules a check only when none is pending (or the pending one
 * would fire after the new deadline); {@link #disarm} only clears a flag. When the check runs it calls
 * {@code onExpiry} if the deadline is armed and has passed, reschedules itself for the time left if it is armed
 * and has not, and lapses otherwise. On a keep-alive connection answering requests faster than the timeout, this
 * costs one scheduled task per timeout period rather than a schedule and a cancel (two priority-queue operations
 * on the event loop) per request. Confined to one event loop, like the stage that owns it; {@link #close} when
 * the channel goes. Time is read from the gateway's {@link Ticker}; the executor's timer only says when to look,
 * so a check that runs early finds time left and schedules itself again.
 */
final class Deadline implements Runnable {

    private final EventExecutor executor;
    private final Ticker ticker;
    private final Runnable onExpiry;
    private long deadline;
    private boolean armed;
    private ScheduledFuture<?> check;
    private long checkAt;

    Deadline(EventExecutor executor, Ticker ticker, Runnable onExpiry) {
        this.executor = requireNonNull(executor, "executor");
        this.ticker = requireNonNull(ticker, "ticker");
        this.onExpiry = requireNonNull(onExpiry, "onExpiry");
    }

    /** The timeout runs from now; {@code onExpiry} runs on the event loop if it is not disarmed in time. */
    void arm(long timeoutNanos) {
        long now = ticker.read();
        deadline = now + timeoutNanos;
        armed = true;
        if (check != null && checkAt - deadline > 0) {
            check.cancel(false); // a pending check would come too late (the timeout was shortened by a reload)
            check = null;
        }
        if (check == null) {
            schedule(timeoutNanos, now);
        }
    }

    void disarm() {
        armed = false;
    }

    boolean armed() {
        return armed;
    }

    /** Disarms and cancels any pending check. */
    void close() {
        armed = false;
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    @Override
    public void run() {
        check = null;
        if (!armed) {
            return;
        }
        long now = ticker.read();
        long left = deadline - now;
        if (left > 0) {
            schedule(left, now);
            return;
        }
        armed = false;
        onExpiry.run();
    }

    private void schedule(long delayNanos, long now) {
        checkAt = now + delayNanos;
        check = executor.schedule(this, delayNanos, TimeUnit.NANOSECONDS);
    }
}
