package io.portcullis.control.checkpoint;

import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.audit.checkpoint.Checkpoint;
import io.portcullis.audit.checkpoint.CheckpointCodec;
import io.portcullis.audit.checkpoint.CheckpointSigner;
import io.portcullis.audit.merkle.ConsistencyProof;
import io.portcullis.audit.merkle.InvalidProofException;
import io.portcullis.audit.merkle.MerkleHasher;
import io.portcullis.control.store.NodeCheckpoints;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;

/**
 * Whether a node's posted audit checkpoint extends its published history: signed by the node's pinned key (a wrong
 * key and a forged signature are told apart by the key id), never smaller than the latest accepted, and proven by an
 * RFC 9162 consistency proof to contain the latest accepted tree as a prefix. A node that rewrote or truncated its
 * log cannot produce such a proof, even with its own key. The checks are the audit module's
 * ({@link CheckpointSigner#verifies}, {@link ConsistencyProof#verify}).
 */
public final class CheckpointJudge {

    private CheckpointJudge() {}

    /** Judges {@code next} (with {@code proof} from the latest accepted to it) against the node's key and history. */
    public static NodeCheckpoints.Verdict judge(NodeCheckpoints.PinnedKey pinned, Optional<NodeCheckpoints.Accepted> latest,
                                                Checkpoint next, List<byte[]> proof) {
        PublicKey key;
        try {
            key = AuditKeys.parsePublicKey(pinned.publicKey(), "node " + pinned.nodeId() + "'s pinned key");
        } catch (IOException e) {
            return new NodeCheckpoints.Refuse("the pinned key cannot be read: " + e.getMessage());
        }
        if (!next.keyId().equals(pinned.keyId())) {
            return new NodeCheckpoints.Refuse("signed with key " + next.keyId() + ", not node " + pinned.nodeId()
                    + "'s pinned key " + pinned.keyId());
        }
        if (!CheckpointSigner.verifies(next, key)) {
            return new NodeCheckpoints.Refuse("the signature does not verify with node " + pinned.nodeId()
                    + "'s pinned key " + pinned.keyId() + ": a forged checkpoint");
        }
        if (latest.isEmpty()) {
            return proof.isEmpty() ? new NodeCheckpoints.Accept() : new NodeCheckpoints.Refuse("consistency: "
                    + proof.size() + " hashes (expected: none for the node's first checkpoint)");
        }
        Checkpoint previous = CheckpointCodec.fromLine(latest.get().checkpoint(), "the latest accepted checkpoint");
        if (latest.get().checkpoint().equals(CheckpointCodec.toLine(next))) {
            return new NodeCheckpoints.Identical();
        }
        if (next.size() < previous.size()) {
            return new NodeCheckpoints.Refuse("tree size " + next.size() + " is smaller than the latest accepted "
                    + previous.size() + " (expected: a log only grows)");
        }
        if (previous.size() == 0) {
            return proof.isEmpty() ? new NodeCheckpoints.Accept() : new NodeCheckpoints.Refuse("consistency: "
                    + proof.size() + " hashes (expected: none after an empty tree)");
        }
        if (next.size() == previous.size() && !proof.isEmpty()) {
            return new NodeCheckpoints.Refuse("consistency: " + proof.size() + " hashes (expected: none for the same tree "
                    + "size " + next.size() + ")");
        }
        try {
            new ConsistencyProof(previous.size(), next.size(), proof).verify(new MerkleHasher(), previous.root(), next.root());
        } catch (InvalidProofException e) {
            return new NodeCheckpoints.Refuse("not consistent with the latest accepted checkpoint (size "
                    + previous.size() + ", root " + previous.rootBase64() + "): " + e.getMessage()
                    + (next.size() == previous.size() && !MessageDigest.isEqual(previous.root(), next.root())
                            ? " (the same size with another root: the log was rewritten)" : ""));
        }
        return new NodeCheckpoints.Accept();
    }
}
