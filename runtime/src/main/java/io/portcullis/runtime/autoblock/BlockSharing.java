package io.portcullis.runtime.autoblock;

import io.portcullis.gateway.net.Cidr;
import java.util.Collection;

/**
 * Where an auto-block is told to the other nodes ({@code runtime.cluster.SharedBlocks} on Redis): the prefixes
 * blocked and the absolute time the block ends, so every node lifts it at the same moment.
 */
@FunctionalInterface
public interface BlockSharing {

    /** A node that shares nothing (no {@code cluster} section). */
    BlockSharing NONE = (key, cidrs, untilMillis) -> { };

    /** {@code key} blocked {@code cidrs} until {@code untilMillis} (epoch milliseconds); must not block. */
    void blocked(String key, Collection<Cidr> cidrs, long untilMillis);
}
