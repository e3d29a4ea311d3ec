package io.portcullis.audit.verify;

import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.audit.checkpoint.Checkpoint;
import io.portcullis.audit.checkpoint.CheckpointSigner;
import io.portcullis.audit.internal.SegmentFiles;
import io.portcullis.audit.merkle.ProofBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;

/**
 * Builds the inclusion proof of one record against the latest checkpoint that covers it and whose signature
 * verifies. Reads and hashes the retained records once (32 bytes of memory per record).
 */
public final class AuditProver {

    private AuditProver() {}

    public static ProofDocument prove(Path dir, long record) throws IOException {
        return prove(dir, record, AuditKeys.readPublicKey(dir.resolve(SegmentFiles.PUBLIC_KEY)));
    }

    /** @throws IllegalArgumentException if the record is absent or no valid checkpoint covers it yet */
    public static ProofDocument prove(Path dir, long record, PublicKey key) throws IOException {
        byte[][] payload = new byte[1][];
        LogTree log = LogTree.read(dir, (index, bytes) -> {
            if (index == record) {
                payload[0] = bytes;
            }
        });
        if (SegmentFiles.segments(dir).isEmpty()) {
            throw new IllegalArgumentException("record: " + record + " (the log in " + dir + " is empty)");
        }
        if (record < log.base() || record >= log.size()) {
            throw new IllegalArgumentException("record: " + record + " (expected: in [" + log.base() + ", "
                    + log.size() + "))");
        }
        ProofBuilder tree = log.proofs();
        long end = log.size();
        Checkpoint best = null;
        for (Checkpoint c : log.checkpoints()) {
            if (c.size() > record && c.size() <= end && (best == null || c.size() > best.size())
                    && CheckpointSigner.verifies(c, key) && MessageDigest.isEqual(c.root(), tree.root(c.size()))) {
                best = c;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("record: " + record + " (no valid checkpoint covers it yet; "
                    + "expected: a record below the latest checkpoint's size)");
        }
        return new ProofDocument(payload[0], tree.inclusion(record, best.size()), best);
    }
}
