package io.portcullis.audit.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Streams the frames of one segment file.
 *
 * <p>Design note: one 4 MiB buffer, refilled by compaction when a frame straddles its end, so reading allocates
 * nothing per frame and the caller hashes the payload in place ({@link #buffer()}, {@link #payloadOffset()}).
 * Each {@link #next()} classifies the next frame; after {@link Status#BAD_LENGTH} the frame boundaries are lost and
 * reading ends. Not thread-safe.
 */
public final class SegmentReader implements Closeable {

    /** What {@link #next()} found. */
    public enum Status {
        /** A whole frame with a valid checksum. */
        FRAME,
        /** A whole frame whose checksum does not match its contents. */
        BAD_CRC,
        /** A length field beyond {@link Frames#MAX_PAYLOAD}: the frame boundaries are lost. */
        BAD_LENGTH,
        /** The file ends inside a frame. */
        INCOMPLETE,
        /** The file ends cleanly after the previous frame. */
        END
    }

    private final InputStream in;
    private final SegmentHeader header;
    private final long fileSize;
    private final CRC32C crc = new CRC32C();
    private byte[] buf = new byte[4 << 20];
    private int pos;
    private int limit;
    private long bufFileOffset;
    private boolean lost;
    private long seq;
    private int length;
    private long frameOffset;

    private SegmentReader(Path file) throws IOException {
        this.fileSize = Files.size(file);
        this.in = Files.newInputStream(file);
        try {
            fill(Math.min((int) Math.min(fileSize, buf.length), 8 + 17 + 64 * 32 + 4));
            this.header = SegmentHeader.decode(buf, limit, file.getFileName().toString());
            pos = header.size();
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    public static SegmentReader open(Path file) throws IOException {
        return new SegmentReader(file);
    }

    public SegmentHeader header() {
        return header;
    }

    public long fileSize() {
        return fileSize;
    }

    public Status next() throws IOException {
        if (lost) {
            return Status.END;
        }
        frameOffset = bufFileOffset + pos;
        if (!fill(Frames.HEADER)) {
            if (limit == pos) {
                return Status.END;
            }
            lost = true;
            return Status.INCOMPLETE;
        }
        length = readInt(pos);
        if (length < 0 || length > Frames.MAX_PAYLOAD) {
            lost = true;
            return Status.BAD_LENGTH;
        }
        seq = readLong(pos + 4);
        int total = Frames.HEADER + length + Frames.TRAILER;
        if (!fill(total)) {
            lost = true;
            return Status.INCOMPLETE;
        }
        int expected = Frames.crc(buf, pos, length, crc);
        int actual = readInt(pos + Frames.HEADER + length);
        pos += total;
        return expected == actual ? Status.FRAME : Status.BAD_CRC;
    }

    /** The sequence number of the frame {@link #next()} returned. */
    public long seq() {
        return seq;
    }

    public byte[] buffer() {
        return buf;
    }

    public int payloadOffset() {
        return pos - Frames.TRAILER - length;
    }

    public int payloadLength() {
        return length;
    }

    /** Where in the file the frame (or the trouble) {@link #next()} returned starts. */
    public long frameOffset() {
        return frameOffset;
    }

    public byte[] payload() {
        byte[] p = new byte[length];
        System.arraycopy(buf, payloadOffset(), p, 0, length);
        return p;
    }

    /** Ensures {@code need} bytes from {@code pos} are buffered; false at end of file. */
    private boolean fill(int need) throws IOException {
        if (limit - pos >= need) {
            return true;
        }
        if (need > buf.length) {
            byte[] bigger = new byte[need];
            System.arraycopy(buf, pos, bigger, 0, limit - pos);
            buf = bigger;
        } else {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
        }
        bufFileOffset += pos;
        limit -= pos;
        pos = 0;
        while (limit < need) {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                return false;
            }
            limit += n;
        }
        return true;
    }

    private int readInt(int at) {
        return ((buf[at] & 0xFF) << 24) | ((buf[at + 1] & 0xFF) << 16) | ((buf[at + 2] & 0xFF) << 8) | (buf[at + 3] & 0xFF);
    }

    private long readLong(int at) {
        return ((long) readInt(at) << 32) | (readInt(at + 4) & 0xFFFFFFFFL);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
