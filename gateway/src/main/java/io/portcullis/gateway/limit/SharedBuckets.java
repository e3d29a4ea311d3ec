package io.portcullis.gateway.limit;

import io.portcullis.settings.RateLimitSettings;
import java.util.concurrent.CompletionStage;

/**
 * A store of token buckets shared by every node of a cluster (Redis, in {@code runtime.cluster}), as the
 * {@link LeasedRateLimiter} sees it: tokens are taken and given back in batches, asynchronously, off the request
 * path. Implementations never block the caller; a stage that fails or times out means "no tokens".
 */
public interface SharedBuckets {

    /**
     * Takes up to {@code tokens} from the shared bucket {@code id} of {@code limit} (created full if absent).
     *
     * @return a stage completing with how many were taken and how many the bucket still holds, never blocking the
     *         caller
     */
    CompletionStage<Taken> take(String id, RateLimitSettings limit, long tokens);

    /** What a {@link #take} got: {@code tokens} taken, {@code remaining} left in the shared bucket after it. */
    record Taken(long tokens, long remaining) {}

    /** Gives back {@code tokens} taken and not spent (the bucket never grows past its capacity); fire and forget. */
    void giveBack(String id, RateLimitSettings limit, long tokens);

    /**
     * Whether the store answers now. When it does not, each node serves every global limit from a local bucket at
     * its share of the limit; read on every request (a volatile read).
     */
    boolean available();

    /** The nodes sharing the limits as last counted, at least 1 (the divisor of the local share). */
    int liveNodes();
}
