package io.portcullis.gateway.limit;

import io.portcullis.settings.RateLimitSettings;

/**
 * Where token buckets live. A bucket is identified by the scope (the API, or API and route), the limit itself
 * and the key value (a workload, group, address, or {@code ""} for API- and route-wide limits). Because the
 * limit is part of the identity, a reload that keeps a limit unchanged keeps its buckets, and a changed limit
 * starts new, full buckets (the old ones expire unused).
 *
 * <p>Called on event loops for every request: implementations must not block. The per-node implementation is
 * {@link LocalRateLimiter}; a shared store (for example Redis) implements the same contract.
 */
public interface RateLimiter {

    /** Takes one token from the bucket, or reports how long to wait for one. */
    RateLimitProbe tryConsume(String scope, RateLimitSettings limit, String key);

    /**
     * Gives back one token taken by {@link #tryConsume} for a request that a later bucket then refused, so a
     * refused request costs nothing. The bucket never grows past its capacity. The default does nothing (a store
     * that cannot give tokens back charges refused requests to the earlier buckets).
     */
    default void refund(String scope, RateLimitSettings limit, String key) { }
}
