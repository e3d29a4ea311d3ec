/**
 * A node that follows a control plane ({@code portcullis run --control URL}, docs/cluster.md): the plan fetched,
 * cached and applied by the normal reload path ({@link io.portcullis.runtime.cluster.ControlLink}), heartbeats, and
 * the node's audit checkpoints published with their consistency proofs.
 */
package io.portcullis.runtime.cluster;
