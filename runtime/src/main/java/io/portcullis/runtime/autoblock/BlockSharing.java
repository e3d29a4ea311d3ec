package io.portcullis.runtime.autoblock;

import io.portcullis.gateway.net.Cidr;
import java.util.Collection;
import java.util.Set;

/**
 * What a node tells the other nodes of its blocklist ({@code runtime.cluster.SharedBlocks} on Redis): an auto-block,
 * with the prefixes blocked and the absolute time the block ends, so every node lifts it at the same moment; and
 * each threat-feed list it fetched, so every node serving that feed refuses the same ranges.
 */
@FunctionalInterface
public interface BlockSharing {

    /** A node that shares nothing (no {@code cluster} section). */
    BlockSharing NONE = (key, cidrs, untilMillis) -> { };

    /** {@code key} blocked {@code cidrs} until {@code untilMillis} (epoch milliseconds); must not block. */
    void blocked(String key, Collection<Cidr> cidrs, long untilMillis);

    /** The list of threat feed {@code feed} as this node fetched it now; must not block. */
    default void feedFetched(String feed, Collection<Cidr> cidrs) { }

    /** The threat feeds the plan in force names: a node adopts a peer's list only for these. */
    default void feedsInForce(Set<String> names) { }
}
