package io.portcullis.time;

/**
 * A source of monotonic nanoseconds, for measuring elapsed time (deadlines, idle timers, latencies, floors).
 * Production code uses {@link #system()}; tests pass a fake ticker and advance it instead of sleeping.
 *
 * <p>Only differences between two readings of the same ticker mean anything, exactly as with
 * {@link System#nanoTime()}.
 */
@FunctionalInterface
public interface Ticker {

    /** The current reading, in nanoseconds. */
    long read();

    /** {@link System#nanoTime()}. */
    static Ticker system() {
        return SystemTicker.INSTANCE;
    }
}

/** The one system ticker. */
enum SystemTicker implements Ticker {
    INSTANCE;

    @Override
    public long read() {
        return System.nanoTime();
    }
}
