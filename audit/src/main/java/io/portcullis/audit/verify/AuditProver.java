package io.portcullis.audit.verify;

import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.audit.checkpoint.Checkpoint;
import io.portcullis.audit.checkpoint.CheckpointSigner;
import io.portcullis.audit.internal.SegmentFiles;
import io.portcullis.audit.merkle.ConsistencyProof;
import io.portcullis.audit.merkle.ProofBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.List;

/**
 * Builds the inclusion proof of one record against the latest checkpoint that covers it and whose signature
 * verifies. Reads and hashes the retained records once (32 bytes of memory per record).
 */
public final class AuditProver {

    private AuditProver() {}

    public static ProofDocument prove(Path dir, long record) throws IOException {
        return prove(dir, record, AuditKeys.readPublicKey(dir.resolve(SegmentFiles.PUBLIC_KEY)));
    }

    /**
     * The checkpoints of the log in {@code dir} in the order they were written, each as signed (lines that do not
     * parse are left out: {@link AuditVerifier} reports them).
     */
    public static List<Checkpoint> checkpoints(Path dir) throws IOException {
        return LogTree.checkpoints(dir);
    }

    /**
     * The RFC 9162 consistency proof from the log's tree of {@code size1} records to its tree of {@code size2}: what a
     * node publishes with a checkpoint so that whoever holds its previous one can check it only appended.
     *
     * @throws IllegalArgumentException if a size is outside the records this log retains
     */
    public static ConsistencyProof consistency(Path dir, long size1, long size2) throws IOException {
        if (SegmentFiles.segments(dir).isEmpty()) {
            throw new IllegalArgumentException("size2: " + size2 + " (the log in " + dir + " is empty)");
        }
        LogTree log = LogTree.read(dir);
        if (size1 < log.base() || size1 > size2 || size2 > log.size()) {
            throw new IllegalArgumentException("sizes " + size1 + ", " + size2 + " (expected: " + log.base()
                    + " <= size1 <= size2 <= " + log.size() + ")");
        }
        return log.consistency(size1, size2);
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
