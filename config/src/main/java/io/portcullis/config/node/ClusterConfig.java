package io.portcullis.config.node;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * {@code cluster}: what this node shares with the other nodes serving the same plan. {@code nodeId} names the node
 * in the cluster store (absent: a name made at start, so one plan can serve every node unchanged); {@code redis} is
 * the store that holds global rate limits, shared blocks and the nodes' presence ({@code docs/cluster.md}).
 */
public record ClusterConfig(Optional<String> nodeId, RedisConfig redis) {

    public ClusterConfig {
        requireNonNull(nodeId, "nodeId");
        requireNonNull(redis, "redis");
    }
}
