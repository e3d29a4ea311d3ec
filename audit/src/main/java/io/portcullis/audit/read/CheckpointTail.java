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
 * replaces the file (a new file, atomically renamed over it): then it is read again from the start. A line
 * without its newline is one being written, read next time; a line that is not a checkpoint is skipped
 * ({@code portcullis audit verify} reports it).
 */
final class CheckpointTail {

    private final Path file;
    private Object fileKey;
    private long position;
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
        if (!Objects.equals(attributes.fileKey(), fileKey) || attributes.size() < position) {
            fileKey = attributes.fileKey();
            position = 0;
        }
        if (attributes.size() == position) {
            return newest;
        }
        byte[] appended = new byte[(int) Math.min(attributes.size() - position, Integer.MAX_VALUE - 8)];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.wrap(appended);
            while (b.hasRemaining() && ch.read(b, position + b.position()) > 0) {
                // read what is there
            }
        }
        int start = 0;
        for (int i = 0; i < appended.length; i++) {
            if (appended[i] == '\n') {
                line(new String(appended, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        position += start;
        return newest;
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
