package io.portcullis.audit.read;

import static java.util.Objects.requireNonNull;

import io.portcullis.audit.internal.SegmentFiles;
import io.portcullis.audit.internal.SegmentHeader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Streams the records of a log directory that match a {@link RecordFilter} as JSON lines ({@link RecordLines}),
 * in index order, in constant memory.
 *
 * <p>Design: with a {@code since} criterion, whole segments are skipped by their headers: a segment's
 * {@code createdAt} is when the previous one was closed, so every record of the previous segment is older than
 * it (docs/audit.md), and a segment whose successor was created before {@code since} holds nothing wanted. The
 * rest is one sequential read, each record matched in the reader's buffer ({@link RecordMatcher}) and hashed only
 * when it matches. Records are written in time order only as far as the log is: an {@code until} bound cannot end
 * the read early, since a record queued before a segment was closed can land in the next one.
 */
public final class AuditSearch {

    /**
     * How a search went.
     *
     * @param read records read (after the skipped segments)
     * @param matched records written
     * @param segments segments in the log
     * @param skipped segments skipped whole because they are older than {@code since}
     * @param damage why the read stopped before the end of the log, or {@code null} when it read it all
     */
    public record Result(long read, long matched, int segments, int skipped, String damage) {}

    private AuditSearch() {}

    /** Writes every record of {@code dir} that {@code filter} matches to {@code out}; flushes, does not close it. */
    public static Result search(Path dir, RecordFilter filter, OutputStream out) throws IOException {
        requireNonNull(filter, "filter");
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": no such directory (expected: an audit log directory)");
        }
        List<Path> segments = SegmentFiles.segments(dir);
        int skipped = 0;
        if (filter.since() != null) {
            long since = filter.since().toEpochMilli();
            while (skipped + 1 < segments.size()
                    && SegmentHeader.read(segments.get(skipped + 1)).createdAtMillis() < since) {
                skipped++;
            }
        }
        if (segments.isEmpty()) {
            return new Result(0, 0, 0, 0, null);
        }
        RecordMatcher matcher = new RecordMatcher(filter);
        RecordLines lines = new RecordLines(out);
        long read = 0;
        long matched = 0;
        String damage = null;
        try (LogCursor cursor = new LogCursor(dir, SegmentFiles.nameIndex(segments.get(skipped)))) {
            for (LogCursor.Status s; (s = cursor.advance()) != LogCursor.Status.END; ) {
                if (s == LogCursor.Status.DAMAGED) {
                    damage = cursor.trouble();
                    break;
                }
                read++;
                if (matcher.matches(cursor.buffer(), cursor.offset(), cursor.length())) {
                    lines.record(cursor.index(), cursor.buffer(), cursor.offset(), cursor.length());
                    matched++;
                }
            }
        }
        lines.flush();
        return new Result(read, matched, segments.size(), skipped, damage);
    }
}
