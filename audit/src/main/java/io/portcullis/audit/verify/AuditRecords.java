package io.portcullis.audit.verify;

import io.portcullis.audit.internal.SegmentFiles;
import io.portcullis.audit.internal.SegmentReader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads the records of a log directory in order, for tools and tests. Reading stops at the first frame that is not
 * whole, valid and in sequence; use {@link AuditVerifier} to learn why.
 */
public final class AuditRecords {

    /** Receives each record's index and canonical JSON bytes. */
    @FunctionalInterface
    public interface Visitor {
        void record(long index, byte[] payload) throws IOException;
    }

    private AuditRecords() {}

    /** Visits every readable record; returns the index after the last one visited. */
    public static long forEach(Path dir, Visitor visitor) throws IOException {
        long next = -1;
        for (Path file : SegmentFiles.segments(dir)) {
            try (SegmentReader reader = SegmentReader.open(file)) {
                if (next < 0) {
                    next = reader.header().startIndex();
                }
                if (reader.header().startIndex() != next) {
                    return next;
                }
                while (reader.next() == SegmentReader.Status.FRAME) {
                    if (reader.seq() != next) {
                        return next;
                    }
                    visitor.record(next++, reader.payload());
                }
            }
        }
        return Math.max(next, 0);
    }
}
