package io.portcullis.gateway.limit;

/**
 * A token bucket owned by one connection and used only on its event loop: what one connection may do of something
 * that costs the gateway without serving anyone (control frames, refused requests). Plain fields, no allocation,
 * a refill from one clock reading; not thread-safe by design (the rate limiter's buckets are the shared kind).
 */
public final class LoopBucket {

    private final long capacity;
    private final long perSecond;
    private long tokens;
    private long refilledAt;

    /** A full bucket of {@code capacity} tokens refilled at {@code perSecond}, as of {@code nowNanos}. */
    public LoopBucket(long capacity, long perSecond, long nowNanos) {
        if (capacity < 1 || perSecond < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + ", perSecond: " + perSecond
                    + " (expected: both >= 1)");
        }
        this.capacity = capacity;
        this.perSecond = perSecond;
        this.tokens = capacity;
        this.refilledAt = nowNanos;
    }

    /** Adds the tokens due since the last refill (whole milliseconds). */
    public void refill(long nowNanos) {
        long elapsedMillis = (nowNanos - refilledAt) / 1_000_000;
        if (elapsedMillis > 0) {
            refilledAt += elapsedMillis * 1_000_000;
            tokens = Math.min(capacity, tokens + elapsedMillis * perSecond / 1000);
        }
    }

    /** Takes a token if there is one, without refilling first; whether it did. */
    public boolean tryTake() {
        if (tokens > 0) {
            tokens--;
            return true;
        }
        return false;
    }

    /** Refills, then takes a token if there is one; whether it did. */
    public boolean take(long nowNanos) {
        refill(nowNanos);
        return tryTake();
    }

    /** Refills, then takes {@code n} tokens if there are as many; whether it did (if not, the bucket is emptied). */
    public boolean take(long nowNanos, long n) {
        refill(nowNanos);
        if (tokens >= n) {
            tokens -= n;
            return true;
        }
        tokens = 0;
        return false;
    }

    /** The refill rate, for messages. */
    public long perSecond() {
        return perSecond;
    }
}
