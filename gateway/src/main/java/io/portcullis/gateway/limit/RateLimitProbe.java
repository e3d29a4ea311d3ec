package io.portcullis.gateway.limit;

/**
 * The outcome of taking a token: whether it was taken, the tokens left and, when refused, how long until one is
 * available.
 */
public record RateLimitProbe(boolean consumed, long remaining, long nanosToWait) {

    public RateLimitProbe {
        if (remaining < 0) {
            throw new IllegalArgumentException("remaining: " + remaining + " (expected: >= 0)");
        }
        if (nanosToWait < 0) {
            throw new IllegalArgumentException("nanosToWait: " + nanosToWait + " (expected: >= 0)");
        }
    }

    /** Whole seconds until a retry can succeed, at least 1 (the {@code Retry-After} value). */
    public long retryAfterSeconds() {
        return Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
    }
}
