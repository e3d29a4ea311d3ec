package io.portcullis.audit.read;

import static java.util.Objects.requireNonNull;

import io.portcullis.audit.checkpoint.Checkpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Streams a log directory's records as JSON lines ({@link RecordLines}) for a SIEM, from a given index, each
 * followed in time by the signed checkpoint that covers it; with {@code follow} it keeps going as the log grows.
 *
 * <p>Only records a signed checkpoint covers are exported: they are durable (a checkpoint is written after its
 * records are fsynced), so an index is never exported with one record and later reused by another after a crash,
 * and each of them can be proven ({@code portcullis audit prove}) against a checkpoint the SIEM also holds. The
 * cost is latency: a record leaves at most about {@code checkpointInterval} after it was written. Holding the
 * checkpoints elsewhere also shows a rollback of the log that removes its last checkpoints with their records,
 * which the directory alone cannot (docs/audit.md, "Limits").
 *
 * <p>Design: a {@link LogCursor} reads on where it stopped, and {@link CheckpointTail} reads only what was
 * appended to {@code checkpoints.log}; each round exports up to the newest checkpoint, writes that checkpoint, and
 * flushes. Rounds are {@code interval} apart while following. Delivery is at least once across restarts: resume
 * with {@code from} set to the index after the last record delivered ({@link #resumeIndex}).
 */
public final class AuditExport {

    /**
     * How an export ended.
     *
     * @param next the index to resume from: the first record not exported, or when the destination failed, the
     *        first record not known to have been flushed to it
     * @param records records written
     * @param checkpoints checkpoint lines written
     * @param problem why it stopped early (the log is damaged there, records are gone, the destination failed), or
     *        {@code null}
     */
    public record Result(long next, long records, long checkpoints, String problem) {}

    private final Path dir;
    private final long from;

    private AuditExport(Path dir, long from) {
        this.dir = dir;
        this.from = from;
    }

    /** An export of {@code dir} from record {@code from}. */
    public static AuditExport of(Path dir, long from) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": no such directory (expected: an audit log directory)");
        }
        if (from < 0) {
            throw new IllegalArgumentException("from: " + from + " (expected: >= 0)");
        }
        return new AuditExport(dir, from);
    }

    /**
     * Writes the checkpointed records from {@code from} to {@code out}; with {@code follow}, polls every
     * {@code interval} until {@code stop} says so (or the thread is interrupted), else returns once the newest
     * checkpoint is reached. Flushes after every round; does not close {@code out}.
     */
    public Result run(OutputStream out, boolean follow, Duration interval, BooleanSupplier stop) throws IOException {
        requireNonNull(interval, "interval");
        RecordLines lines = new RecordLines(new Destination(out));
        CheckpointTail checkpoints = new CheckpointTail(dir);
        long records = 0;
        long written = 0;
        long flushed = from;
        try (LogCursor cursor = new LogCursor(dir, from)) {
            while (true) {
                Checkpoint newest = checkpoints.newest();
                long covered = newest == null ? 0 : newest.size();
                long before = records;
                while (cursor.nextIndex() < covered) {
                    LogCursor.Status s = cursor.advance();
                    if (s != LogCursor.Status.RECORD) {
                        lines.flush();
                        return new Result(cursor.nextIndex(), records, written, s == LogCursor.Status.DAMAGED
                                ? cursor.trouble() : "record " + cursor.nextIndex() + " is covered by a signed "
                                + "checkpoint but is not in the log; run 'portcullis audit verify'");
                    }
                    lines.record(cursor.index(), cursor.buffer(), cursor.offset(), cursor.length());
                    records++;
                }
                if (records > before && cursor.nextIndex() == covered) {
                    lines.checkpoint(newest);
                    written++;
                }
                lines.flush();
                flushed = cursor.nextIndex();
                if (!follow || stop.getAsBoolean() || !pause(interval)) {
                    return new Result(cursor.nextIndex(), records, written, null);
                }
            }
        } catch (Destination.Failed e) {
            return new Result(flushed, records, written, "the destination failed: " + e.getCause().getMessage());
        }
    }

    /** The stream written to; its failures are told apart from the log's. */
    private static final class Destination extends java.io.FilterOutputStream {
        static final class Failed extends IOException {
            Failed(IOException cause) {
                super(cause);
            }
        }

        Destination(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw new Failed(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw new Failed(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw new Failed(e);
            }
        }
    }

    /** Waits {@code interval}; false when interrupted (the export ends). */
    private static boolean pause(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Where an export into {@code file} resumes: after its last record line, or at the size of its last checkpoint
     * line; 0 for a file that does not exist or holds no line. A last line without its newline (the exporter was
     * stopped while writing it) is cut off the file first.
     */
    public static long resumeIndex(Path file) throws IOException {
        return ExportFile.resumeIndex(file);
    }
}
