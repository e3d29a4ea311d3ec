package io.portcullis.gateway.limit;

import io.portcullis.gateway.settings.RateLimitSettings;

/**
 * Header values of the IETF draft "RateLimit header fields for HTTP" (draft-ietf-httpapi-ratelimit-headers):
 * {@code RateLimit-Policy: "name";q=quota;w=window-seconds} and {@code RateLimit: "name";r=remaining;t=reset}.
 */
public final class RateLimitHeaders {

    private RateLimitHeaders() {}

    /** The policy of a limit: its capacity as quota over the time to refill the whole capacity. */
    public static String policy(RateLimitSettings limit) {
        return '"' + limit.policyName() + "\";q=" + limit.capacity() + ";w=" + windowSeconds(limit);
    }

    /** The current state of a bucket after a probe. */
    public static String state(RateLimitSettings limit, RateLimitProbe probe) {
        return '"' + limit.policyName() + "\";r=" + probe.remaining() + ";t="
                + (probe.consumed() ? 0 : probe.retryAfterSeconds());
    }

    private static long windowSeconds(RateLimitSettings limit) {
        long periods = (limit.capacity() + limit.refillTokens() - 1) / limit.refillTokens();
        return Math.max(1, limit.refillPeriod().multipliedBy(periods).toSeconds());
    }
}
