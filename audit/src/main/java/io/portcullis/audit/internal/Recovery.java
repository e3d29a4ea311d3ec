package io.portcullis.audit.internal;

import io.portcullis.audit.merkle.CompactRange;
import io.portcullis.audit.merkle.MerkleHasher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Finds where the log ends when it is opened, and deals with a crash's torn tail.
 *
 * <p>Only the last segment can be torn (a segment is fsynced before the next one is created). Its frames are
 * scanned and hashed from the header's frontier; the first frame that is not whole, valid and in sequence starts
 * the torn tail. If that point is covered by a checkpoint, records that were durable are gone and opening fails:
 * that is damage for {@code portcullis audit verify}, not a crash. Otherwise the tail bytes are moved to
 * {@code <segment>.torn-<offset>} (kept as evidence, never silently dropped), the segment is cut back and the caller
 * raises an alert. A last segment whose header is incomplete (a crash while starting it) is moved aside whole.
 */
final class Recovery {

    /** Where appending resumes; {@code tornBytes > 0} when a tail was moved aside to {@code tornFile}. */
    record State(CompactRange tree, Path segment, long segmentBytes, long lastCheckpointSize, long tornBytes, Path tornFile) {}

    private Recovery() {}

    static State run(Path dir, MerkleHasher hasher) throws IOException {
        long lastCheckpoint = 0;
        for (CheckpointStore.Line line : CheckpointStore.read(dir).lines()) {
            if (line.checkpoint() != null) {
                lastCheckpoint = Math.max(lastCheckpoint, line.checkpoint().size());
            }
        }
        List<Path> segments = SegmentFiles.segments(dir);
        if (segments.isEmpty()) {
            if (lastCheckpoint > 0) {
                throw new IOException(dir + ": checkpoints cover " + lastCheckpoint
                        + " records but no segment exists (run 'portcullis audit verify')");
            }
            return new State(new CompactRange(hasher), null, 0, 0, 0, null);
        }
        Path last = segments.get(segments.size() - 1);
        if (Files.size(last) < SegmentHeader.MAX_SIZE && !headerReadable(last)) {
            // A crash while a new segment's header was being written: nothing was ever appended to it.
            Path torn = last.resolveSibling(last.getFileName() + ".torn-0");
            long bytes = Files.size(last);
            Files.move(last, torn);
            SegmentFiles.syncDirectory(dir);
            State previous = run(dir, hasher);
            return previous.tornBytes() > 0 ? previous
                    : new State(previous.tree(), previous.segment(), previous.segmentBytes(),
                            previous.lastCheckpointSize(), bytes, torn);
        }
        CompactRange tree;
        long validEnd;
        try (SegmentReader reader = SegmentReader.open(last)) {
            SegmentHeader header = reader.header();
            if (header.startIndex() != SegmentFiles.nameIndex(last)) {
                throw new IOException(last + ": header starts at record " + header.startIndex() + " but the name says "
                        + SegmentFiles.nameIndex(last) + " (run 'portcullis audit verify')");
            }
            tree = CompactRange.resume(hasher, header.startIndex(), header.frontier());
            validEnd = header.size();
            while (reader.next() == SegmentReader.Status.FRAME && reader.seq() == tree.size()) {
                tree.append(hasher.leaf(reader.buffer(), reader.payloadOffset(), reader.payloadLength()));
                validEnd = reader.frameOffset() + Frames.HEADER + reader.payloadLength() + Frames.TRAILER;
            }
            if (tree.size() < lastCheckpoint) {
                throw new IOException(last + ": record " + tree.size() + " is missing or damaged but a checkpoint covers "
                        + lastCheckpoint + " records (run 'portcullis audit verify')");
            }
        }
        long fileSize = Files.size(last);
        if (validEnd == fileSize) {
            return new State(tree, last, fileSize, lastCheckpoint, 0, null);
        }
        Path torn = last.resolveSibling(last.getFileName() + ".torn-" + validEnd);
        try (InputStream in = Files.newInputStream(last); OutputStream out = Files.newOutputStream(torn)) {
            in.skipNBytes(validEnd);
            in.transferTo(out);
        }
        try (FileChannel ch = FileChannel.open(torn, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try (FileChannel ch = FileChannel.open(last, StandardOpenOption.WRITE)) {
            ch.truncate(validEnd);
            ch.force(true);
        }
        SegmentFiles.syncDirectory(dir);
        return new State(tree, last, validEnd, lastCheckpoint, fileSize - validEnd, torn);
    }

    private static boolean headerReadable(Path segment) {
        try {
            SegmentHeader.read(segment);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
