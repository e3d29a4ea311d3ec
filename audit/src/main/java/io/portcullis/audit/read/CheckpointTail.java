package io.portcullis.audit.read;

import io.portcullis.audit.checkpoint.Checkpoint;
import io.portcullis.audit.checkpoint.CheckpointCodec;
import io.portcullis.audit.internal.SegmentFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * The newest checkpoint of a log directory, reading only what was appended to {@code checkpoints.log} since the
 * last look (the file grows by a line every checkpoint interval, for as long as retention keeps it). Retention
 * replaces the file (a new file, atomically renamed over it): then it is read again from the start. A replacement
 * is known by a new file key, a shorter file, or a first line other than the one read (the file system may give
 * the new file the old one's inode number once the old one is gone). A line
 * without its newline is one being written, read next time; a line that is not a checkpoint is skipped
 * ({@code portcullis audit verify} reports it).
 */
final class CheckpointTail {

    private final Path file;
    private Object fileKey;
    private long position;
    private byte[] firstLine; // with its newline; null until one was read from the start
    private Checkpoint newest;

    CheckpointTail(Path dir) {
        this.file = dir.resolve(SegmentFiles.CHECKPOINTS);
    }

    /** The checkpoint with the largest size so far, or null when none was written. */
    Checkpoint newest() throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException none) {
            return newest;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (!Objects.equals(attributes.fileKey(), fileKey) || attributes.size() < position || !sameStart(ch)) {
                fileKey = attributes.fileKey();
                position = 0;
                firstLine = null;
            }
            if (attributes.size() == position) {
                return newest;
            }
            byte[] appended = read(ch, position, (int) Math.min(attributes.size() - position, Integer.MAX_VALUE - 8));
            int start = 0;
            for (int i = 0; i < appended.length; i++) {
                if (appended[i] == '\n') {
                    if (position == 0 && start == 0) {
                        firstLine = java.util.Arrays.copyOf(appended, i + 1);
                    }
                    line(new String(appended, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            position += start;
        }
        return newest;
    }

    /** True when nothing was read yet or the file still begins with the first line that was read. */
    private boolean sameStart(FileChannel ch) throws IOException {
        return firstLine == null || java.util.Arrays.equals(read(ch, 0, firstLine.length), firstLine);
    }

    private static byte[] read(FileChannel ch, long at, int length) throws IOException {
        byte[] out = new byte[length];
        ByteBuffer b = ByteBuffer.wrap(out);
        while (b.hasRemaining() && ch.read(b, at + b.position()) > 0) {
            // read what is there
        }
        return b.hasRemaining() ? java.util.Arrays.copyOf(out, b.position()) : out;
    }

    private void line(String text) {
        try {
            Checkpoint c = CheckpointCodec.fromLine(text, SegmentFiles.CHECKPOINTS);
            if (newest == null || c.size() > newest.size()) {
                newest = c;
            }
        } catch (IllegalArgumentException notACheckpoint) {
            // verify names it; an export goes on with the checkpoints that parse
        }
    }
}
