package io.portcullis.gateway.limit;

import static java.util.Objects.requireNonNull;

import io.portcullis.settings.RateLimitScope;
import io.portcullis.settings.RateLimitSettings;

/**
 * Sends each limit to the store of its {@linkplain RateLimitSettings#scope scope}: local limits to this node's
 * buckets, global ones to the cluster's. One comparison per bucket on the request path.
 */
public final class ScopedRateLimiter implements RateLimiter {

    private final RateLimiter local;
    private final RateLimiter global;

    public ScopedRateLimiter(RateLimiter local, RateLimiter global) {
        this.local = requireNonNull(local, "local");
        this.global = requireNonNull(global, "global");
    }

    @Override
    public RateLimitProbe tryConsume(String scope, RateLimitSettings limit, String key) {
        return (limit.scope() == RateLimitScope.GLOBAL ? global : local).tryConsume(scope, limit, key);
    }

    @Override
    public void refund(String scope, RateLimitSettings limit, String key) {
        (limit.scope() == RateLimitScope.GLOBAL ? global : local).refund(scope, limit, key);
    }
}
