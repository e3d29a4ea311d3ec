package io.portcullis.audit.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditSettings;
import io.portcullis.audit.Retention;
import io.portcullis.audit.TestLogs;
import io.portcullis.audit.internal.CheckpointStore;
import io.portcullis.audit.internal.SegmentFiles;
import io.portcullis.testing.FakeTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The newest checkpoint, read from what was appended since the last look: a line still being written waits, and
 * a file that retention replaced is read again from its start.
 */
class CheckpointTailTest {

    @TempDir
    Path tmp;

    private final FakeTime time = new FakeTime(Instant.parse("2026-11-23T10:00:00Z"));

    /** The size of the newest checkpoint in {@code dir}, as the log itself reads its file. */
    static long newest(Path dir) throws IOException {
        return CheckpointStore.read(dir).lines().stream().filter(l -> l.checkpoint() != null)
                .mapToLong(l -> l.checkpoint().size()).max().orElse(0);
    }

    @Test
    void readsWhatWasAppendedAndWaitsForAWholeLine() throws IOException {
        Path dir = write(tmp.resolve("log"), 0, 100);
        CheckpointTail tail = new CheckpointTail(dir);
        assertThat(tail.newest().size()).isEqualTo(100).isEqualTo(newest(dir));

        Path file = dir.resolve(SegmentFiles.CHECKPOINTS);
        java.util.List<String> lines = Files.readAllLines(file);
        String larger = lines.get(lines.size() - 1).replaceFirst("\"size\":100", "\"size\":1000");
        Files.writeString(file, larger.substring(0, 30), StandardOpenOption.APPEND);
        assertThat(tail.newest().size()).as("a line without its newline is still being written").isEqualTo(100);
        Files.writeString(file, larger.substring(30) + "\n", StandardOpenOption.APPEND);
        assertThat(tail.newest().size()).as("parsed, not verified: verify checks signatures").isEqualTo(1000);
    }

    @Test
    void readsAFileThatRetentionReplacedFromItsStart() throws IOException {
        Path dir = write(tmp.resolve("log"), 0, 100);
        CheckpointTail tail = new CheckpointTail(dir);
        assertThat(tail.newest().size()).isEqualTo(100);
        String firstBefore = Files.readAllLines(dir.resolve(SegmentFiles.CHECKPOINTS)).get(0);

        write(dir, 100, 600);

        assertThat(Files.readAllLines(dir.resolve(SegmentFiles.CHECKPOINTS)).get(0)).as("replaced from its start")
                .isNotEqualTo(firstBefore);
        assertThat(tail.newest().size()).isEqualTo(600).isEqualTo(newest(dir));
    }

    /** The file system may give the replacement the old file's inode number: its first line tells them apart. */
    @Test
    void readsAFileReplacedUnderTheSameFileKey() throws IOException {
        Path dir = write(tmp.resolve("log"), 0, 100);
        CheckpointTail tail = new CheckpointTail(dir);
        assertThat(tail.newest().size()).isEqualTo(100);
        Path other = write(tmp.resolve("other"), 0, 600);
        Path file = dir.resolve(SegmentFiles.CHECKPOINTS);
        java.util.List<String> lines = Files.readAllLines(other.resolve(SegmentFiles.CHECKPOINTS));
        String replacement = String.join("\n", lines.subList(lines.size() - 2, lines.size())) + "\n";
        assertThat(replacement.length()).as("longer than what was read, so only the start can tell")
                .isGreaterThan((int) Files.size(file) / 4);
        String padding = "x".repeat((int) Math.max(0, Files.size(file) - replacement.length() + 1)) + "\n";
        Object key = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        Files.writeString(file, padding + replacement, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        assertThat(Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey()).isEqualTo(key);
        assertThat(tail.newest().size()).isEqualTo(600);
    }

    private Path write(Path dir, long from, long to) throws IOException {
        if (!Files.exists(tmp.resolve("signing.key"))) {
            TestLogs.signingKey(tmp.resolve("signing.key"));
        }
        try (AuditLog log = AuditLog.open(AuditSettings.builder(dir, tmp.resolve("signing.key")).clock(time.clock())
                .segmentMaxBytes(16 * 1024).retention(new Retention(Duration.ZERO, 40 * 1024)).build())) {
            ReadLogs.append(log, time, from, to);
        }
        return dir;
    }
}
