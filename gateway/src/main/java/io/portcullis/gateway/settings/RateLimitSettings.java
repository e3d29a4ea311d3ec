package io.portcullis.gateway.settings;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One token-bucket limit: at most {@code capacity} requests in a burst, refilled by {@code refillTokens} every
 * {@code refillPeriod} (greedily, spread over the period). Two equal settings are the same limit: on reload a
 * bucket keeps its state only while its limit is equal (see {@code docs/gateway.md}).
 */
public record RateLimitSettings(RateLimitKey key, long capacity, long refillTokens, Duration refillPeriod) {

    public RateLimitSettings {
        requireNonNull(key, "key");
        Checks.positive("capacity", capacity);
        Checks.positive("refillTokens", refillTokens);
        Checks.positive("refillPeriod", refillPeriod);
        if (refillPeriod.toMillis() < 1) {
            throw new IllegalArgumentException("refillPeriod: " + refillPeriod + " (expected: >= 1ms)");
        }
    }

    /** The policy name used in the {@code RateLimit-Policy} header, e.g. {@code workload-100-per-60s}. */
    public String policyName() {
        return key.name().toLowerCase(java.util.Locale.ROOT) + "-" + refillTokens + "-per-"
                + refillPeriod.toMillis() + "ms";
    }
}
