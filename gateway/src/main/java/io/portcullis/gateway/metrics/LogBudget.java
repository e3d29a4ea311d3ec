package io.portcullis.gateway.metrics;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many lines of one kind may be logged per second: the data plane logs from event loops, and what a client
 * can make it log once per connection or request it can make it log a million times. A line over the budget is
 * counted instead ({@link #unlogged()}); the next line written can say how many were left out
 * ({@link #takeLeftOut()}).
 *
 * <p>Design: a fixed one-second window, lock-free (a compare-and-set starts the next window; a few lines more
 * than the budget can pass at the boundary when threads race, never fewer). Shared by every event loop.
 */
public final class LogBudget {

    private static final long SECOND = 1_000_000_000L;

    private final int linesPerSecond;
    private final AtomicLong windowStart;
    private final AtomicInteger linesInWindow = new AtomicInteger();
    private final AtomicLong unlogged = new AtomicLong();
    private final AtomicLong leftOut = new AtomicLong();

    /** A budget of {@code linesPerSecond}, its first window starting at {@code nowNanos}. */
    public LogBudget(int linesPerSecond, long nowNanos) {
        if (linesPerSecond < 1) {
            throw new IllegalArgumentException("linesPerSecond: " + linesPerSecond + " (expected: >= 1)");
        }
        this.linesPerSecond = linesPerSecond;
        this.windowStart = new AtomicLong(nowNanos);
    }

    /** Whether a line may be written at {@code nowNanos}; if not, it is counted as left out. */
    public boolean mayLog(long nowNanos) {
        long start = windowStart.get();
        if (nowNanos - start >= SECOND && windowStart.compareAndSet(start, nowNanos)) {
            linesInWindow.set(0);
        }
        if (linesInWindow.incrementAndGet() <= linesPerSecond) {
            return true;
        }
        unlogged.incrementAndGet();
        leftOut.incrementAndGet();
        return false;
    }

    /** The lines left out since the last call, for the line about to be written (0 when none). */
    public long takeLeftOut() {
        return leftOut.getAndSet(0);
    }

    /** The lines left out since this budget was made. */
    public long unlogged() {
        return unlogged.get();
    }
}
