package io.portcullis.audit.internal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The record frame: {@code u32 length | u64 sequence | payload[length] | u32 crc32c}, big-endian, where the CRC
 * covers the length, the sequence and the payload. The sequence number is the record's leaf index; it lets the
 * verifier tell a deleted record from a reordered or inserted one. The CRC tells a torn or altered frame from a
 * whole one; the Merkle tree and the signed checkpoints are what make alteration detectable by an attacker who can
 * also recompute CRCs.
 */
public final class Frames {

    /** Bytes before the payload. */
    public static final int HEADER = 12;
    /** Bytes after the payload. */
    public static final int TRAILER = 4;
    /** The largest payload accepted; anything claiming more is damage. */
    public static final int MAX_PAYLOAD = 1 << 20;

    private Frames() {}

    /** Writes one frame into {@code out}, which must have {@code HEADER + length + TRAILER} bytes free. */
    static void write(ByteBuffer out, long seq, byte[] payload, int length, CRC32C crc) {
        int start = out.position();
        out.putInt(length);
        out.putLong(seq);
        out.put(payload, 0, length);
        crc.reset();
        ByteBuffer covered = out.duplicate();
        covered.position(start).limit(start + HEADER + length);
        crc.update(covered);
        out.putInt((int) crc.getValue());
    }

    /** A whole frame as a byte array, for tools and tests that build or repair files. */
    public static byte[] encode(long seq, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(HEADER + payload.length + TRAILER);
        write(out, seq, payload, payload.length, new CRC32C());
        return out.array();
    }

    /** The CRC a frame with this header and payload must carry. */
    static int crc(byte[] buf, int frameStart, int length, CRC32C crc) {
        crc.reset();
        crc.update(buf, frameStart, HEADER + length);
        return (int) crc.getValue();
    }
}
