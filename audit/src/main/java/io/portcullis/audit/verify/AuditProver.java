package io.portcullis.audit.verify;

import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.audit.checkpoint.Checkpoint;
import io.portcullis.audit.checkpoint.CheckpointSigner;
import io.portcullis.audit.internal.CheckpointStore;
import io.portcullis.audit.internal.SegmentFiles;
import io.portcullis.audit.internal.SegmentHeader;
import io.portcullis.audit.merkle.ConsistencyProof;
import io.portcullis.audit.merkle.MerkleHasher;
import io.portcullis.audit.merkle.ProofBuilder;
import java.io.ByteArrayOutputStream;
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
        return CheckpointStore.read(dir).lines().stream().map(CheckpointStore.Line::checkpoint)
                .filter(java.util.Objects::nonNull).toList();
    }

    /**
     * The RFC 9162 consistency proof from the log's tree of {@code size1} records to its tree of {@code size2}: what a
     * node publishes with a checkpoint so that whoever holds its previous one can check it only appended.
     *
     * @throws IllegalArgumentException if a size is outside the records this log retains
     */
    public static ConsistencyProof consistency(Path dir, long size1, long size2) throws IOException {
        List<Path> segments = SegmentFiles.segments(dir);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("size2: " + size2 + " (the log in " + dir + " is empty)");
        }
        SegmentHeader first = SegmentHeader.read(segments.get(0));
        MerkleHasher hasher = new MerkleHasher();
        ByteArrayOutputStream leaves = new ByteArrayOutputStream();
        long end = AuditRecords.forEach(dir, (index, bytes) -> leaves.write(hasher.leaf(bytes)));
        if (size1 < first.startIndex() || size1 > size2 || size2 > end) {
            throw new IllegalArgumentException("sizes " + size1 + ", " + size2 + " (expected: " + first.startIndex()
                    + " <= size1 <= size2 <= " + end + ")");
        }
        return new ProofBuilder(hasher, first.startIndex(), first.frontier(), leaves.toByteArray()).consistency(size1, size2);
    }

    /** @throws IllegalArgumentException if the record is absent or no valid checkpoint covers it yet */
    public static ProofDocument prove(Path dir, long record, PublicKey key) throws IOException {
        List<Path> segments = SegmentFiles.segments(dir);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("record: " + record + " (the log in " + dir + " is empty)");
        }
        SegmentHeader first = SegmentHeader.read(segments.get(0));
        MerkleHasher hasher = new MerkleHasher();
        ByteArrayOutputStream leaves = new ByteArrayOutputStream();
        byte[][] payload = new byte[1][];
        long end = AuditRecords.forEach(dir, (index, bytes) -> {
            leaves.write(hasher.leaf(bytes));
            if (index == record) {
                payload[0] = bytes;
            }
        });
        if (payload[0] == null) {
            throw new IllegalArgumentException("record: " + record + " (expected: in [" + first.startIndex() + ", " + end + "))");
        }
        ProofBuilder tree = new ProofBuilder(hasher, first.startIndex(), first.frontier(), leaves.toByteArray());
        Checkpoint best = null;
        for (CheckpointStore.Line line : CheckpointStore.read(dir).lines()) {
            Checkpoint c = line.checkpoint();
            if (c != null && c.size() > record && c.size() <= end && (best == null || c.size() > best.size())
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
