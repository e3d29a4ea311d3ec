package io.portcullis.audit.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The head of a segment file: {@code "PCAUDIT1" | u64 startIndex | u64 createdAtMillis | u8 n | n x 32-byte
 * frontier | u32 crc32c}. The frontier (the perfect-subtree roots of the first {@code startIndex} leaves) lets the
 * tree be resumed when older segments were deleted by retention; it is not trusted on its own: the next signed
 * checkpoint's root depends on it. {@code createdAt} is when the previous segment was closed, so it bounds the age
 * of every record before this segment.
 */
public record SegmentHeader(long startIndex, long createdAtMillis, List<byte[]> frontier) {

    static final byte[] MAGIC = "PCAUDIT1".getBytes(StandardCharsets.US_ASCII);
    /** The largest possible header: 64 frontier hashes. */
    static final int MAX_SIZE = 8 + 8 + 8 + 1 + 64 * 32 + 4;

    public SegmentHeader {
        if (startIndex < 0) {
            throw new IllegalArgumentException("startIndex: " + startIndex + " (expected: >= 0)");
        }
        if (frontier.size() != Long.bitCount(startIndex)) {
            throw new IllegalArgumentException("frontier: " + frontier.size() + " hashes (expected: " + Long.bitCount(startIndex) + ")");
        }
        frontier = List.copyOf(frontier);
    }

    public int size() {
        return MAGIC.length + 8 + 8 + 1 + frontier.size() * 32 + 4;
    }

    ByteBuffer encode() {
        ByteBuffer b = ByteBuffer.allocate(size());
        b.put(MAGIC).putLong(startIndex).putLong(createdAtMillis).put((byte) frontier.size());
        frontier.forEach(b::put);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.flip();
    }

    /** Reads just the header of a segment file. */
    public static SegmentHeader read(java.nio.file.Path file) throws IOException {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            byte[] buf = in.readNBytes(MAX_SIZE);
            return decode(buf, buf.length, file.getFileName().toString());
        }
    }

    /** Parses a header from the start of {@code buf}; the message names what was wrong. */
    static SegmentHeader decode(byte[] buf, int available, String file) throws IOException {
        int fixed = MAGIC.length + 17;
        if (available < fixed || !Arrays.equals(buf, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IOException(file + ": not an audit segment (expected: header starting with PCAUDIT1)");
        }
        ByteBuffer b = ByteBuffer.wrap(buf, 0, available);
        b.position(MAGIC.length);
        long start = b.getLong();
        long created = b.getLong();
        int n = b.get() & 0xFF;
        if (start < 0 || n != Long.bitCount(start) || available < fixed + n * 32 + 4) {
            throw new IOException(file + ": damaged segment header (start " + start + ", " + n + " frontier hashes)");
        }
        List<byte[]> frontier = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] h = new byte[32];
            b.get(h);
            frontier.add(h);
        }
        CRC32C crc = new CRC32C();
        crc.update(buf, 0, b.position());
        if ((int) crc.getValue() != b.getInt()) {
            throw new IOException(file + ": segment header checksum mismatch (the header was altered)");
        }
        return new SegmentHeader(start, created, frontier);
    }
}
