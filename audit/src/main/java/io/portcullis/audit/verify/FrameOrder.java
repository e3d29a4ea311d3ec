package io.portcullis.audit.verify;

import io.portcullis.audit.internal.SegmentReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Names the damage when a whole, checksum-valid frame carries an unexpected sequence number, by looking at the
 * sequence numbers of the frames after it (up to {@link #LOOKAHEAD}):
 * <ul>
 *   <li>it repeats an earlier number, or a number that appears again later: {@link Damage#INSERTED};</li>
 *   <li>the expected record appears later: {@link Damage#REORDERED};</li>
 *   <li>otherwise the records up to its number are gone: {@link Damage#DELETED}.</li>
 * </ul>
 */
final class FrameOrder {

    static final int LOOKAHEAD = 4096;

    /** Where findings go. */
    interface Sink {
        void damage(Damage kind, long record, String detail);
    }

    private FrameOrder() {}

    static void classify(Path file, SegmentReader reader, long expected, Sink sink) throws IOException {
        long seq = reader.seq();
        String where = file.getFileName() + " offset " + reader.frameOffset();
        if (seq < expected) {
            // Two frames claim one number; when it is the previous one we cannot tell which is genuine.
            long first = seq == expected - 1 ? seq : expected;
            sink.damage(Damage.INSERTED, first, where + ": a record with sequence " + seq + " appears again at "
                    + "position " + expected);
            return;
        }
        Set<Long> following = new HashSet<>();
        for (int i = 0; i < LOOKAHEAD && reader.next() == SegmentReader.Status.FRAME; i++) {
            following.add(reader.seq());
        }
        if (following.contains(seq)) {
            sink.damage(Damage.INSERTED, expected, where + ": a copy of record " + seq + " sits at position " + expected);
        } else if (following.contains(expected)) {
            sink.damage(Damage.REORDERED, expected, where + ": record " + seq + " sits where record " + expected
                    + " belongs; record " + expected + " comes later");
        } else {
            sink.damage(Damage.DELETED, expected, where + ": records " + expected + ".." + (seq - 1) + " are missing");
        }
    }
}
