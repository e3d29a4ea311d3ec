package io.portcullis.gateway.limit;

import io.netty.util.AsciiString;
import io.portcullis.gateway.settings.RateLimitSettings;

/**
 * Header values of the IETF draft "RateLimit header fields for HTTP" (draft-ietf-httpapi-ratelimit-headers):
 * {@code RateLimit-Policy: "name";q=quota;w=window-seconds} and {@code RateLimit: "name";r=remaining;t=reset}.
 * The reset {@code t} is, after a taken token, the seconds until the bucket is full again, and after a refusal
 * the seconds until a token is available (the {@code Retry-After}).
 */
public final class RateLimitHeaders {

    /** The policy header's name. */
    public static final AsciiString POLICY_HEADER = AsciiString.cached("RateLimit-Policy");
    /** The state header's name. */
    public static final AsciiString STATE_HEADER = AsciiString.cached("RateLimit");

    private RateLimitHeaders() {}

    /** The policy of a limit: its capacity as quota over the time to refill the whole capacity. */
    public static String policy(RateLimitSettings limit) {
        return POLICIES.computeIfAbsent(limit, l -> '"' + l.policyName() + "\";q=" + l.capacity() + ";w=" + windowSeconds(l));
    }

    /** Header values per limit, built once: limits come from the configuration, so the map stays small. */
    private static final java.util.concurrent.ConcurrentHashMap<RateLimitSettings, String> POLICIES =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.concurrent.ConcurrentHashMap<RateLimitSettings, String> STATE_PREFIXES =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The current state of a bucket after a probe. */
    public static String state(RateLimitSettings limit, RateLimitProbe probe) {
        return STATE_PREFIXES.computeIfAbsent(limit, l -> '"' + l.policyName() + "\";r=") + probe.remaining() + ";t="
                + (probe.consumed() ? secondsToFull(limit, probe.remaining()) : probe.retryAfterSeconds());
    }

    /** Whole seconds (rounded up) until a bucket with {@code remaining} tokens is full, at the greedy refill rate. */
    static long secondsToFull(RateLimitSettings limit, long remaining) {
        long missing = Math.max(0, limit.capacity() - remaining);
        if (missing == 0) {
            return 0;
        }
        double nanos = (double) missing * limit.refillPeriod().toNanos() / limit.refillTokens();
        return (long) Math.ceil(nanos / 1e9);
    }

    private static long windowSeconds(RateLimitSettings limit) {
        long periods = (limit.capacity() + limit.refillTokens() - 1) / limit.refillTokens();
        return Math.max(1, limit.refillPeriod().multipliedBy(periods).toSeconds());
    }
}
