package io.portcullis.alerts.internal;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter": before attempt {@code n + 1} the cap is
 * {@code min(max, initial * 2^(n-1))} and the wait is uniform in {@code [cap/2, cap]}, so retries spread out
 * (no thundering herd after a webhook outage) yet still grow.
 */
public final class Backoff {

    private final long initialNanos;
    private final long maxNanos;
    private final RandomGenerator random;

    public Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    /** The wait after failed attempt {@code attempt} (1-based), in nanoseconds. */
    public long delayNanos(int attempt) {
        long cap = initialNanos;
        for (int i = 1; i < attempt && cap < maxNanos; i++) {
            cap = cap > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : cap * 2;
        }
        cap = Math.min(cap, maxNanos);
        long half = cap / 2;
        return half + random.nextLong(cap - half + 1);
    }
}
