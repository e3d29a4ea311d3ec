package io.portcullis.audit.internal;

import io.portcullis.audit.Retention;
import io.portcullis.audit.checkpoint.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes closed segments beyond the {@link Retention} limits, oldest first, then drops the checkpoints that only
 * covered deleted records. The checkpoint at the first remaining segment's start is kept: it anchors that
 * segment's frontier, so what remains still verifies. A segment's records are all older than the next segment's
 * {@code createdAt}, which is what the age limit compares.
 */
final class RetentionSweep {

    private RetentionSweep() {}

    /** Returns the number of segments deleted. */
    static int run(Path dir, Retention retention, long nowMillis) throws IOException {
        if (retention.unlimited()) {
            return 0;
        }
        List<Path> segments = SegmentFiles.segments(dir);
        long total = 0;
        for (Path p : segments) {
            total += Files.size(p);
        }
        long cutoff = retention.maxAge().isZero() ? Long.MIN_VALUE : nowMillis - retention.maxAge().toMillis();
        int deleted = 0;
        // The last segment is being written and is never deleted.
        for (int i = 0; i + 1 < segments.size(); i++) {
            boolean tooBig = retention.maxBytes() > 0 && total > retention.maxBytes();
            boolean tooOld = createdAt(segments.get(i + 1)) < cutoff;
            if (!tooBig && !tooOld) {
                break;
            }
            total -= Files.size(segments.get(i));
            Files.delete(segments.get(i));
            deleted++;
        }
        if (deleted > 0) {
            SegmentFiles.syncDirectory(dir);
            long firstKept = SegmentFiles.nameIndex(segments.get(deleted));
            List<Checkpoint> keep = new ArrayList<>();
            for (CheckpointStore.Line line : CheckpointStore.read(dir).lines()) {
                if (line.checkpoint() != null && line.checkpoint().size() >= firstKept) {
                    keep.add(line.checkpoint());
                }
            }
            CheckpointStore.rewrite(dir, keep);
        }
        return deleted;
    }

    private static long createdAt(Path segment) throws IOException {
        return SegmentHeader.read(segment).createdAtMillis();
    }
}
