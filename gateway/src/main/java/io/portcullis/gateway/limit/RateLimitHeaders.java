package io.portcullis.gateway.limit;

import io.netty.util.AsciiString;
import io.portcullis.settings.RateLimitSettings;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Header values of the IETF draft "RateLimit header fields for HTTP" (draft-ietf-httpapi-ratelimit-headers):
 * {@code RateLimit-Policy: "name";q=quota;w=window-seconds} and {@code RateLimit: "name";r=remaining;t=reset}.
 * The reset {@code t} is, after a taken token, the seconds until the bucket is full again, and after a refusal
 * the seconds until a token is available (the {@code Retry-After}).
 *
 * <p>Design: what a header value owes to its limit alone (the policy value, the state's prefix) is built once
 * per limit and kept in a map keyed by the limit's value, so a request costs one lookup (the limit holds its hash)
 * and, for the state, one string. Limits come from the configuration, so the map holds a handful of entries; it
 * is emptied when it reaches {@value #MAX_LIMITS} (reloads that change limits leave stale entries behind), and
 * the live entries are rebuilt on their next use.
 */
public final class RateLimitHeaders {

    /** The policy header's name. */
    public static final AsciiString POLICY_HEADER = AsciiString.cached("RateLimit-Policy");
    /** The state header's name. */
    public static final AsciiString STATE_HEADER = AsciiString.cached("RateLimit");

    static final int MAX_LIMITS = 1024;

    private static final ConcurrentHashMap<RateLimitSettings, Values> VALUES = new ConcurrentHashMap<>();

    private RateLimitHeaders() {}

    /** The policy of a limit: its capacity as quota over the time to refill the whole capacity. */
    public static String policy(RateLimitSettings limit) {
        return values(limit).policy;
    }

    /** The current state of a bucket after a probe. */
    public static String state(RateLimitSettings limit, RateLimitProbe probe) {
        Values values = values(limit);
        long remaining = probe.remaining();
        return values.statePrefix + remaining + ";t="
                + (probe.consumed() ? values.secondsToFull(remaining) : probe.retryAfterSeconds());
    }

    /** How many limits have cached header values (for tests). */
    static int cachedLimits() {
        return VALUES.size();
    }

    private static Values values(RateLimitSettings limit) {
        Values values = VALUES.get(limit);
        if (values == null) {
            if (VALUES.size() >= MAX_LIMITS) {
                VALUES.clear();
            }
            values = VALUES.computeIfAbsent(limit, Values::new);
        }
        return values;
    }

    /** The parts of one limit's header values that do not depend on a bucket's state. */
    private static final class Values {
        final String policy;
        final String statePrefix;
        final long capacity;
        final double refillPeriodNanos;
        final double refillTokens;

        Values(RateLimitSettings limit) {
            long periods = (limit.capacity() + limit.refillTokens() - 1) / limit.refillTokens();
            long windowSeconds = Math.max(1, limit.refillPeriod().multipliedBy(periods).toSeconds());
            this.policy = '"' + limit.policyName() + "\";q=" + limit.capacity() + ";w=" + windowSeconds;
            this.statePrefix = '"' + limit.policyName() + "\";r=";
            this.capacity = limit.capacity();
            this.refillPeriodNanos = limit.refillPeriod().toNanos();
            this.refillTokens = limit.refillTokens();
        }

        /** Whole seconds (rounded up) until a bucket with {@code remaining} tokens is full, at the greedy rate. */
        long secondsToFull(long remaining) {
            long missing = Math.max(0, capacity - remaining);
            if (missing == 0) {
                return 0;
            }
            double nanos = missing * refillPeriodNanos / refillTokens;
            return (long) Math.ceil(nanos / 1e9);
        }
    }
}
