package io.portcullis.settings;

/**
 * Where a rate limit's buckets live: in this node's memory ({@link #LOCAL}, the default: every node allows the
 * whole limit) or in the cluster's shared store ({@link #GLOBAL}: the limit holds across every node that serves the
 * plan, see {@code docs/cluster.md}).
 */
public enum RateLimitScope {
    /** One bucket per key in each node: N nodes admit up to N times the limit. */
    LOCAL,
    /** One bucket per key shared by every node through the cluster store (Redis). */
    GLOBAL
}
