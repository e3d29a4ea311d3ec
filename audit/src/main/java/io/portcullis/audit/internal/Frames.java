package io.portcullis.audit.internal;

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

    /**
     * Completes the frame whose payload is at {@code frame[HEADER, HEADER + length)}: writes the header before it and
     * the CRC after it ({@code frame} must have room for the trailer). One pass of the CRC over the array; nothing
     * allocated.
     */
    static void seal(byte[] frame, long seq, int length, CRC32C crc) {
        putInt(frame, 0, length);
        putInt(frame, 4, (int) (seq >>> 32));
        putInt(frame, 8, (int) seq);
        putInt(frame, HEADER + length, crc(frame, 0, length, crc));
    }

    /** A whole frame as a byte array, for tools and tests that build or repair files. */
    public static byte[] encode(long seq, byte[] payload) {
        byte[] frame = new byte[HEADER + payload.length + TRAILER];
        System.arraycopy(payload, 0, frame, HEADER, payload.length);
        seal(frame, seq, payload.length, new CRC32C());
        return frame;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    /** The CRC a frame with this header and payload must carry. */
    static int crc(byte[] buf, int frameStart, int length, CRC32C crc) {
        crc.reset();
        crc.update(buf, frameStart, HEADER + length);
        return (int) crc.getValue();
    }
}
