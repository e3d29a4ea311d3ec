package io.portcullis.audit.verify;

import io.portcullis.audit.checkpoint.Checkpoint;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The RFC 9162 tree of a log directory as it is on disk: the retained records read and hashed once (32 bytes of
 * memory per record), with the frontier of what retention removed, and the checkpoints its {@code checkpoints.log}
 * holds. What a prover, a node publishing its checkpoints and a check against published checkpoints all ask of
 * the log: a root at a size, a consistency proof between two sizes.
 */
public final class LogTree {

    /** A published checkpoint that is not a prefix of the log on disk, and why. */
    public record Mismatch(Checkpoint checkpoint, String reason) {
        public Mismatch {
            Objects.requireNonNull(checkpoint, "checkpoint");
            Objects.requireNonNull(reason, "reason");
        }
    }

    private final Path dir;
    private final ProofBuilder tree;
    private final long base;

    private LogTree(Path dir, ProofBuilder tree, long base) {
        this.dir = dir;
        this.tree = tree;
        this.base = base;
    }

    /** Reads every readable record of {@code dir} (reading stops at the first frame not whole and in sequence). */
    public static LogTree read(Path dir) throws IOException {
        return read(dir, (index, payload) -> { });
    }

    /** As {@link #read(Path)}, handing each record to {@code also} on the way (one pass over the log). */
    public static LogTree read(Path dir, AuditRecords.Visitor also) throws IOException {
        List<Path> segments = SegmentFiles.segments(dir);
        MerkleHasher hasher = new MerkleHasher();
        if (segments.isEmpty()) {
            return new LogTree(dir, new ProofBuilder(hasher, 0, List.of(), new byte[0]), 0);
        }
        SegmentHeader first = SegmentHeader.read(segments.get(0));
        ByteArrayOutputStream leaves = new ByteArrayOutputStream();
        AuditRecords.forEach(dir, (index, bytes) -> {
            leaves.write(hasher.leaf(bytes));
            also.record(index, bytes);
        });
        return new LogTree(dir, new ProofBuilder(hasher, first.startIndex(), first.frontier(), leaves.toByteArray()),
                first.startIndex());
    }

    /** Records in the tree, those removed by retention included. */
    public long size() {
        return tree.size();
    }

    /** The index of the first record still on disk (records before it were removed by retention). */
    public long base() {
        return base;
    }

    /** The tree itself, for inclusion proofs. */
    public ProofBuilder proofs() {
        return tree;
    }

    /** The root of the first {@code size} records; {@code size} in {@code [base, size()]}. */
    public byte[] root(long size) {
        return tree.root(size);
    }

    /** The consistency proof from the first {@code size1} records to the first {@code size2}. */
    public ConsistencyProof consistency(long size1, long size2) {
        return tree.consistency(size1, size2);
    }

    /** The checkpoints of the directory's {@code checkpoints.log} that parse, in file order. */
    public List<Checkpoint> checkpoints() throws IOException {
        return checkpoints(dir);
    }

    /** The checkpoints of {@code dir}'s {@code checkpoints.log} that parse, in file order, without reading records. */
    public static List<Checkpoint> checkpoints(Path dir) throws IOException {
        List<Checkpoint> out = new ArrayList<>();
        for (CheckpointStore.Line line : CheckpointStore.read(dir).lines()) {
            if (line.checkpoint() != null) {
                out.add(line.checkpoint());
            }
        }
        return out;
    }

    /**
     * Whether the log on disk extends {@code published}: its first {@code published.size()} records have the
     * published root. Empty when they do; otherwise why not (fewer records on disk, a different root, or records
     * removed by retention, which can no longer be checked).
     */
    public java.util.Optional<Mismatch> extend(Checkpoint published) {
        long size = published.size();
        if (size > tree.size()) {
            return java.util.Optional.of(new Mismatch(published, "the log on disk holds " + tree.size()
                    + " records, fewer than the " + size + " this checkpoint covers (records lost or removed)"));
        }
        if (size < base) {
            return java.util.Optional.of(new Mismatch(published, "the log on disk starts at record " + base
                    + " (retention removed the records before it), so a tree of " + size
                    + " records cannot be recomputed"));
        }
        if (!MessageDigest.isEqual(tree.root(size), published.root())) {
            return java.util.Optional.of(new Mismatch(published, "the first " + size
                    + " records on disk have another root than the published one (the log was rewritten)"));
        }
        return java.util.Optional.empty();
    }
}
