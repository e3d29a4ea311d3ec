package io.portcullis.audit.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Names and lists the files of a log directory. */
public final class SegmentFiles {

    public static final String CHECKPOINTS = "checkpoints.log";
    public static final String PUBLIC_KEY = "checkpoint-key.pub";
    private static final Pattern SEGMENT = Pattern.compile("segment-(\\d{20})\\.log");
    private static final Pattern TORN = Pattern.compile("segment-\\d{20}\\.log\\.torn-\\d+");

    private SegmentFiles() {}

    public static Path segment(Path dir, long startIndex) {
        return dir.resolve(String.format("segment-%020d.log", startIndex));
    }

    /** The segment files, in order of their first record. */
    public static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> SEGMENT.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
    }

    /** The first record index a segment's name claims. */
    public static long nameIndex(Path segment) {
        Matcher m = SEGMENT.matcher(segment.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("segment: " + segment + " (expected: segment-<20 digits>.log)");
        }
        return Long.parseLong(m.group(1));
    }

    /** Torn tails moved aside by crash recovery. */
    public static List<Path> tornTails(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> TORN.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
    }

    /** Makes a created, renamed or deleted directory entry durable. */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems cannot open directories; their entries are durable with the file's own fsync.
        }
    }
}
