/**
 * A node's part in a cluster ({@code cluster} section, {@code docs/cluster.md}): the link to Redis with its
 * health and the nodes' presence ({@link io.portcullis.runtime.cluster.RedisLink}), global rate-limit buckets on
 * Bucket4j's Lettuce integration ({@link io.portcullis.runtime.cluster.RedisBuckets}, served through the gateway's
 * {@code LeasedRateLimiter}), blocks shared by every node ({@link io.portcullis.runtime.cluster.SharedBlocks}),
 * and the evidence of a fallback and its return ({@link io.portcullis.runtime.cluster.ClusterEvidence}).
 */
package io.portcullis.runtime.cluster;
