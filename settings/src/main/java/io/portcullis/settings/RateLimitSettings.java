package io.portcullis.settings;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;

/**
 * One token-bucket limit: at most {@code capacity} requests in a burst, refilled by {@code refillTokens} every
 * {@code refillPeriod} (greedily, spread over the period), its buckets held in this node or shared by the cluster
 * ({@link RateLimitScope}). Two equal settings are the same limit: on reload a
 * bucket keeps its state only while its limit is equal (see {@code docs/gateway.md}).
 *
 * <p>An immutable value with record semantics (equality over the five components, {@code toString} in record
 * form). It is a class rather than a record so that it can hold its hash and policy name, computed once: the data
 * plane looks buckets and header values up by limit on every request.
 */
public final class RateLimitSettings {

    private final RateLimitKey key;
    private final long capacity;
    private final long refillTokens;
    private final Duration refillPeriod;
    private final RateLimitScope scope;
    private final int hash;
    private final String policyName;

    /** A {@linkplain RateLimitScope#LOCAL local} limit. */
    public RateLimitSettings(RateLimitKey key, long capacity, long refillTokens, Duration refillPeriod) {
        this(key, capacity, refillTokens, refillPeriod, RateLimitScope.LOCAL);
    }

    public RateLimitSettings(RateLimitKey key, long capacity, long refillTokens, Duration refillPeriod,
                             RateLimitScope scope) {
        this.scope = requireNonNull(scope, "scope");
        this.key = requireNonNull(key, "key");
        this.capacity = Checks.positive("capacity", capacity);
        this.refillTokens = Checks.positive("refillTokens", refillTokens);
        this.refillPeriod = Checks.positive("refillPeriod", refillPeriod);
        if (refillPeriod.toMillis() < 1) {
            throw new IllegalArgumentException("refillPeriod: " + refillPeriod + " (expected: >= 1ms)");
        }
        this.hash = 31 * (31 * (31 * key.ordinal() + Long.hashCode(capacity)) + Long.hashCode(refillTokens))
                + refillPeriod.hashCode() + 31 * scope.ordinal();
        this.policyName = key.name().toLowerCase(Locale.ROOT) + "-" + refillTokens + "-per-"
                + refillPeriod.toMillis() + "ms";
    }

    public RateLimitKey key() {
        return key;
    }

    public long capacity() {
        return capacity;
    }

    public long refillTokens() {
        return refillTokens;
    }

    public Duration refillPeriod() {
        return refillPeriod;
    }

    /** Where the buckets of this limit live. */
    public RateLimitScope scope() {
        return scope;
    }

    /** The policy name used in the {@code RateLimit-Policy} header, e.g. {@code workload-100-per-60000ms}. */
    public String policyName() {
        return policyName;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof RateLimitSettings other && hash == other.hash && key == other.key
                && capacity == other.capacity && refillTokens == other.refillTokens
                && refillPeriod.equals(other.refillPeriod) && scope == other.scope;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "RateLimitSettings[key=" + key + ", capacity=" + capacity + ", refillTokens=" + refillTokens
                + ", refillPeriod=" + refillPeriod + ", scope=" + scope + "]";
    }
}
