package io.portcullis.audit.verify;

import static java.util.Objects.requireNonNull;

import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.audit.checkpoint.Checkpoint;
import io.portcullis.audit.internal.SegmentFiles;
import io.portcullis.audit.internal.SegmentHeader;
import io.portcullis.audit.internal.SegmentReader;
import io.portcullis.audit.merkle.CompactRange;
import io.portcullis.audit.merkle.MerkleHasher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies an audit log directory: every frame's checksum and sequence number, every checkpoint's signature, and
 * that the Merkle root recomputed from the records equals every signed checkpoint (which makes the checkpoints
 * consistent with each other, as each is a prefix of the same recomputed tree).
 *
 * <p>Design note: one streaming pass. Segments are read with {@link SegmentReader} (payloads hashed in place, no
 * JSON parsing) into a {@link CompactRange}; when the tree reaches a checkpoint's size its root is compared. Memory
 * is constant; time is one SHA-256 per record plus one per node. Frame-level checks find naive edits at the exact
 * record; an attacker who also rewrites checksums and sequence numbers is caught by the signed roots, to within the
 * checkpoint interval.
 */
public final class AuditVerifier {

    private AuditVerifier() {}

    /**
     * Verifies with the public key stored in the directory (which an attacker could replace: prefer a key). A
     * directory that holds no log at all is reported as {@link Damage#MISSING}, not as a missing key.
     */
    public static VerificationResult verify(Path dir) throws IOException {
        requireNonNull(dir, "dir");
        Path stored = dir.resolve(SegmentFiles.PUBLIC_KEY);
        if (Files.isDirectory(dir) && !Files.exists(stored) && noLog(dir)) {
            return new VerificationResult(0, 0, 0, "", List.of(nothing(dir)), List.of());
        }
        if (Files.isDirectory(dir) && !Files.exists(stored)) {
            throw new IOException(stored + ": missing (expected: the public key the log keeps, or a key given to verify with)");
        }
        return verify(dir, AuditKeys.readPublicKey(stored));
    }

    public static VerificationResult verify(Path dir, PublicKey key) throws IOException {
        requireNonNull(dir, "dir");
        requireNonNull(key, "key");
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a directory (expected: an audit log directory)");
        }
        if (noLog(dir)) {
            return new VerificationResult(0, 0, 0, AuditKeys.keyId(key), List.of(nothing(dir)), List.of());
        }
        List<Finding> findings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        CheckpointIndex checkpoints = CheckpointIndex.load(dir, key, findings);
        if (checkpoints.wrongKey != null) {
            // Nothing in the log can be checked with this key; what else is wrong would only bury that fact.
            return new VerificationResult(0, 0, 0, AuditKeys.keyId(key), List.of(checkpoints.wrongKey), notes);
        }
        if (checkpoints.tornLine) {
            notes.add("checkpoints.log ends in an unfinished line (a crash while signing); it is ignored");
        }
        for (Path torn : SegmentFiles.tornTails(dir)) {
            notes.add("crash recovery moved a torn tail of " + Files.size(torn) + " bytes to " + torn.getFileName());
        }
        List<Path> segments = SegmentFiles.segments(dir);
        if (segments.isEmpty()) {
            findings.add(new Finding(Damage.MISSING, -1, "every segment file is gone: " + dir + " holds no "
                    + "segment-<index>.log" + (checkpoints.bySize.isEmpty() ? ""
                    : ", but signed checkpoints cover " + checkpoints.maxSize() + " records")
                    + " (expected: the segments of the log, at least the one being written)"));
            return new VerificationResult(0, 0, 0, AuditKeys.keyId(key), findings, notes);
        }
        Scan scan = new Scan(checkpoints, findings, segments);
        scan.run();
        long end = scan.expected();
        if (findings.isEmpty() && end > scan.base && scan.matched == 0) {
            findings.add(new Finding(Damage.UNSIGNED, scan.base, "no signed checkpoint covers records " + scan.base
                    + ".." + (end - 1) + " (checkpoints.log is missing or emptied, or the log crashed before its first "
                    + "checkpoint)"));
        } else if (end > checkpoints.maxSize() && end > scan.base) {
            notes.add((end - Math.max(checkpoints.maxSize(), scan.base)) + " record(s) after the last checkpoint are "
                    + "not signed yet; their truncation could not be detected");
        }
        if (scan.base > 0) {
            notes.add("records before " + scan.base + " were removed by retention; "
                    + checkpoints.bySize.headMap(scan.base).size() + " older checkpoint(s) checked by signature only");
        }
        return new VerificationResult(scan.base, end - scan.base, scan.matched, AuditKeys.keyId(key),
                findings, notes);
    }

    /** Whether {@code dir} holds neither a segment nor a checkpoints file: no audit log at all. */
    private static boolean noLog(Path dir) throws IOException {
        return SegmentFiles.segments(dir).isEmpty() && !Files.exists(dir.resolve(SegmentFiles.CHECKPOINTS));
    }

    private static Finding nothing(Path dir) {
        return new Finding(Damage.MISSING, -1, "no audit log in " + dir + ": no segment-<index>.log and no "
                + SegmentFiles.CHECKPOINTS + " (expected: an audit log directory, the audit.dir a node writes)");
    }

    /** The streaming pass over the segments. */
    private static final class Scan {
        private final CheckpointIndex checkpoints;
        private final List<Finding> findings;
        private final List<Path> segments;
        private final MerkleHasher hasher = new MerkleHasher();
        private CompactRange tree;
        private long base;
        private long windowStart;
        private int matched;
        private boolean frameDamage;

        Scan(CheckpointIndex checkpoints, List<Finding> findings, List<Path> segments) {
            this.checkpoints = checkpoints;
            this.findings = findings;
            this.segments = segments;
        }

        void run() throws IOException {
            for (int i = 0; i < segments.size() && !frameDamage; i++) {
                Path file = segments.get(i);
                boolean last = i == segments.size() - 1;
                try (SegmentReader reader = SegmentReader.open(file)) {
                    if (!startSegment(file, reader.header(), i == 0)) {
                        return;
                    }
                    readFrames(file, reader, last);
                } catch (IOException e) {
                    if (!Files.exists(file)) {
                        throw e;
                    }
                    damage(Damage.MODIFIED, expected(), e.getMessage());
                }
            }
            if (!frameDamage && tree != null && tree.size() < checkpoints.maxSize()) {
                damage(Damage.TRUNCATED, tree.size(), "the log ends after " + tree.size() + " records but a signed "
                        + "checkpoint covers " + checkpoints.maxSize());
            }
        }

        private long expected() {
            return tree == null ? 0 : tree.size();
        }

        private boolean startSegment(Path file, SegmentHeader header, boolean first) {
            if (header.startIndex() != SegmentFiles.nameIndex(file)) {
                damage(Damage.MODIFIED, Math.min(header.startIndex(), SegmentFiles.nameIndex(file)),
                        file.getFileName() + ": header says it starts at record " + header.startIndex());
                return false;
            }
            if (first) {
                base = header.startIndex();
                tree = CompactRange.resume(hasher, base, header.frontier());
                windowStart = base;
                checkRoot();
                return true;
            }
            if (header.startIndex() > tree.size()) {
                damage(Damage.DELETED, tree.size(), "records " + tree.size() + ".." + (header.startIndex() - 1)
                        + " are missing before " + file.getFileName());
                return false;
            }
            if (header.startIndex() < tree.size()) {
                damage(Damage.INSERTED, header.startIndex(), file.getFileName() + " repeats records from "
                        + header.startIndex() + " (expected: start at " + tree.size() + ")");
                return false;
            }
            List<byte[]> frontier = tree.frontier();
            for (int k = 0; k < frontier.size(); k++) {
                if (!MessageDigest.isEqual(frontier.get(k), header.frontier().get(k))) {
                    damage(Damage.MODIFIED, header.startIndex(), file.getFileName() + ": header frontier does not "
                            + "match the records before it");
                    return false;
                }
            }
            return true;
        }

        private void readFrames(Path file, SegmentReader reader, boolean lastSegment) throws IOException {
            while (true) {
                SegmentReader.Status status = reader.next();
                long e = tree.size();
                switch (status) {
                    case END:
                        return;
                    case FRAME:
                        if (reader.seq() != e) {
                            FrameOrder.classify(file, reader, e, this::damage);
                            return;
                        }
                        tree.append(hasher.leaf(reader.buffer(), reader.payloadOffset(), reader.payloadLength()));
                        checkRoot();
                        if (frameDamage) {
                            return;
                        }
                        break;
                    default:
                        brokenFrame(file, reader, status, e, lastSegment);
                        return;
                }
            }
        }

        private void brokenFrame(Path file, SegmentReader reader, SegmentReader.Status status, long e,
                                 boolean lastSegment) throws IOException {
            String where = file.getFileName() + " offset " + reader.frameOffset();
            boolean covered = e < checkpoints.maxSize();
            String torn = where + ": the log ends inside record " + e + " (" + (reader.fileSize() - reader.frameOffset())
                    + " bytes) that no checkpoint covers: a crash interrupted an unacknowledged write; reopening the "
                    + "log moves it aside";
            switch (status) {
                case BAD_CRC -> {
                    boolean atEnd = reader.next() == SegmentReader.Status.END;
                    if (lastSegment && atEnd && !covered) {
                        damage(Damage.TORN_TAIL, e, torn);
                    } else {
                        damage(Damage.MODIFIED, e, where + ": checksum mismatch (the record's bytes were changed)");
                    }
                }
                case BAD_LENGTH -> {
                    if (lastSegment && !covered) {
                        damage(Damage.TORN_TAIL, e, torn);
                    } else {
                        damage(Damage.MODIFIED, e, where + ": impossible length field (the record was altered)");
                    }
                }
                default -> {
                    if (!lastSegment) {
                        damage(Damage.DELETED, e, where + ": segment cut short inside record " + e
                                + " while later segments exist");
                    } else if (covered) {
                        damage(Damage.TRUNCATED, e, where + ": the log ends inside record " + e
                                + " but a signed checkpoint covers " + checkpoints.maxSize() + " records");
                    } else {
                        damage(Damage.TORN_TAIL, e, torn);
                    }
                }
            }
        }

        /** Compares the tree with a checkpoint of its current size, if one was signed. */
        private void checkRoot() {
            Checkpoint c = checkpoints.bySize.get(tree.size());
            if (c == null) {
                return;
            }
            if (MessageDigest.isEqual(c.root(), tree.root())) {
                matched++;
                windowStart = tree.size();
            } else {
                damage(Damage.MODIFIED, windowStart, "records " + windowStart + ".." + (tree.size() - 1)
                        + " do not match the signed checkpoint of size " + tree.size()
                        + " (altered, with checksums and sequence numbers rewritten)");
            }
        }

        private void damage(Damage kind, long record, String detail) {
            frameDamage = true;
            findings.add(new Finding(kind, record, detail));
        }
    }
}
