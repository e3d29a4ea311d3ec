package io.portcullis.audit.internal;

import io.portcullis.audit.checkpoint.Checkpoint;
import io.portcullis.audit.checkpoint.CheckpointCodec;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code checkpoints.log}: one checkpoint JSON object per line, appended and fsynced after the records it covers
 * are durable. A last line without its newline is a checkpoint the crash interrupted; readers report and skip it.
 */
public final class CheckpointStore implements Closeable {

    /** One line of the file: a checkpoint, or why the line is not one. */
    public record Line(int number, Checkpoint checkpoint, String error) {}

    /** The parsed file; {@code tornLine} is true when the last line was cut short. */
    public record Contents(List<Line> lines, boolean tornLine) {}

    private final FileChannel channel;

    private CheckpointStore(FileChannel channel) {
        this.channel = channel;
    }

    static CheckpointStore openForAppend(Path dir) throws IOException {
        Path file = dir.resolve(SegmentFiles.CHECKPOINTS);
        Contents existing = read(dir);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (existing.tornLine()) {
            // Cut the unfinished line so the next checkpoint starts on its own line.
            byte[] all = Files.readAllBytes(file);
            int end = all.length;
            while (end > 0 && all[end - 1] != '\n') {
                end--;
            }
            ch.truncate(end);
            ch.force(true);
        }
        ch.position(ch.size());
        return new CheckpointStore(ch);
    }

    void append(Checkpoint c) throws IOException {
        byte[] line = (CheckpointCodec.toLine(c) + '\n').getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.wrap(line);
        while (b.hasRemaining()) {
            channel.write(b);
        }
        channel.force(false);
    }

    public static Contents read(Path dir) throws IOException {
        Path file = dir.resolve(SegmentFiles.CHECKPOINTS);
        if (!Files.exists(file)) {
            return new Contents(List.of(), false);
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        boolean torn = !text.isEmpty() && !text.endsWith("\n");
        String[] raw = text.split("\n", -1);
        int count = raw.length - 1; // the piece after the last newline is empty, or the torn line
        List<Line> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String where = SegmentFiles.CHECKPOINTS + ":" + (i + 1);
            try {
                lines.add(new Line(i + 1, CheckpointCodec.fromLine(raw[i], where), null));
            } catch (IllegalArgumentException e) {
                lines.add(new Line(i + 1, null, e.getMessage()));
            }
        }
        return new Contents(lines, torn);
    }

    /** Atomically replaces the file with {@code keep} (retention). */
    static void rewrite(Path dir, List<Checkpoint> keep) throws IOException {
        Path tmp = dir.resolve(SegmentFiles.CHECKPOINTS + ".tmp");
        StringBuilder sb = new StringBuilder();
        keep.forEach(c -> sb.append(CheckpointCodec.toLine(c)).append('\n'));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(SegmentFiles.CHECKPOINTS), StandardCopyOption.ATOMIC_MOVE);
        SegmentFiles.syncDirectory(dir);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
