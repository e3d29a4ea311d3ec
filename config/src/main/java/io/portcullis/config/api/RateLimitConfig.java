package io.portcullis.config.api;

import java.time.Duration;

/** One {@code rateLimits[]} entry: a token bucket per {@code key} ({@code workload}, {@code group}, {@code address},
 * {@code api}, {@code route}) holding {@code capacity} tokens, refilled by {@code refillTokens} each {@code refillPeriod}. */
public record RateLimitConfig(String key, long capacity, long refillTokens, Duration refillPeriod) {}
