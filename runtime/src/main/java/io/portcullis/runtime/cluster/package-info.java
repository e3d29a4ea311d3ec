/**
 * A node's part in a cluster (docs/cluster.md). Following a control plane ({@code portcullis run --control URL}):
 * the plan fetched, cached and applied by the normal reload path ({@link io.portcullis.runtime.cluster.ControlLink}),
 * heartbeats, and the node's audit checkpoints published with their consistency proofs. Sharing state through
 * Redis (the {@code cluster} section): the link to Redis with its health and the nodes' presence
 * ({@link io.portcullis.runtime.cluster.RedisLink}), global rate-limit buckets on Bucket4j's Lettuce integration
 * ({@link io.portcullis.runtime.cluster.RedisBuckets}, served through the gateway's {@code LeasedRateLimiter}),
 * blocks shared by every node ({@link io.portcullis.runtime.cluster.SharedBlocks}), and the evidence of a fallback
 * and its return ({@link io.portcullis.runtime.cluster.ClusterEvidence}).
 */
package io.portcullis.runtime.cluster;
