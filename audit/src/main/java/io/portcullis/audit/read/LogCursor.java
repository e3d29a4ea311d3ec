package io.portcullis.audit.read;

import io.portcullis.audit.internal.SegmentFiles;
import io.portcullis.audit.internal.SegmentReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a log directory's records in index order from a given index, across segments, and goes on where it
 * stopped when the log has grown ({@link #advance()} again after {@link Status#END}).
 *
 * <p>Design: one {@link SegmentReader} at a time (its buffer holds the record until the next call). The segment
 * holding the first index is found by name and its earlier frames are skipped; at the end of a segment the one
 * named by the next index, if it exists, takes over. A frame cut short at the end of the last segment is one being
 * written: the reader is dropped and reopened on the next call. Every frame's sequence number must be the next
 * index; anything else is damage, which {@code portcullis audit verify} explains. Not thread-safe.
 */
final class LogCursor implements Closeable {

    /** What {@link #advance()} found. */
    enum Status {
        /** A record: {@link #index()}, {@link #buffer()}, {@link #offset()}, {@link #length()}. */
        RECORD,
        /** No further record now (the log may grow). */
        END,
        /** The log cannot be read on from here: {@link #trouble()} says why. */
        DAMAGED
    }

    private final Path dir;
    /** The index of the record the next {@link #advance()} returns. */
    private long next;
    /** The index of the frame the reader reads next (below {@link #next} while skipping). */
    private long position;
    private SegmentReader reader;
    /** The segment {@link #reader} reads. */
    private Path current;
    private String trouble;

    LogCursor(Path dir, long from) {
        this.dir = dir;
        this.next = from;
    }

    Status advance() throws IOException {
        if (reader == null && !open()) {
            return trouble != null ? Status.DAMAGED : Status.END;
        }
        while (true) {
            SegmentReader.Status s = reader.next();
            switch (s) {
                case FRAME -> {
                    if (reader.seq() != position) {
                        return damaged("record " + reader.seq() + " where record " + position + " belongs");
                    }
                    if (position++ == next) {
                        next++;
                        return Status.RECORD;
                    }
                }
                case END -> {
                    Path following = SegmentFiles.segment(dir, position);
                    if (!Files.exists(following) || following.equals(current)) { // an empty segment is its own "next"
                        return Status.END;
                    }
                    switchTo(following);
                }
                case INCOMPLETE -> {
                    if (Files.exists(SegmentFiles.segment(dir, position))) {
                        return damaged("a segment ends inside record " + position);
                    }
                    reader.close(); // a record being written: reopened and read again next time
                    reader = null;
                    return Status.END;
                }
                default -> {
                    return damaged("record " + position + " is damaged (" + s + ")");
                }
            }
        }
    }

    /** The index of the record {@link #advance()} returned last. */
    long index() {
        return next - 1;
    }

    /** The index of the record the next {@link #advance()} returns. */
    long nextIndex() {
        return next;
    }

    byte[] buffer() {
        return reader.buffer();
    }

    int offset() {
        return reader.payloadOffset();
    }

    int length() {
        return reader.payloadLength();
    }

    String trouble() {
        return trouble;
    }

    /** Opens the segment holding {@link #next}; false (END, or DAMAGED with the reason) when there is none. */
    private boolean open() throws IOException {
        List<Path> segments = SegmentFiles.segments(dir);
        Path holding = null;
        for (Path segment : segments) {
            if (SegmentFiles.nameIndex(segment) <= next) {
                holding = segment;
            }
        }
        if (holding == null) {
            if (!segments.isEmpty()) {
                trouble = "records before " + SegmentFiles.nameIndex(segments.get(0)) + " are no longer in the log "
                        + "(retention deleted them); record " + next + " cannot be read";
            }
            return false;
        }
        switchTo(holding);
        return true;
    }

    private void switchTo(Path segment) throws IOException {
        close();
        reader = SegmentReader.open(segment);
        current = segment;
        position = reader.header().startIndex();
        if (position != SegmentFiles.nameIndex(segment)) {
            throw new IOException(segment.getFileName() + ": starts at record " + position + " (expected: "
                    + SegmentFiles.nameIndex(segment) + ", as its name says)");
        }
    }

    private Status damaged(String why) {
        trouble = why + "; run 'portcullis audit verify' for the whole story";
        return Status.DAMAGED;
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
