package io.portcullis.gateway.wire;

import io.netty.buffer.ByteBuf;

/**
 * Finds the next CR or LF in a buffer eight bytes at a time (SWAR: a word's bytes compared at once with the
 * "has a zero byte" trick on {@code word ^ pattern}), so a header line costs a load and a few arithmetic operations
 * per eight bytes rather than a call and a bounds check per byte. The lowest flagged byte of the little-endian word is
 * always a true match (the trick's false positives sit only above a true one), so the index is exact.
 */
final class LineEnds {

    private static final long CR = 0x0D0D0D0D0D0D0D0DL;
    private static final long LF = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private LineEnds() {
    }

    /** The index of the first CR or LF in {@code buf[from, to)}, or -1. */
    static int find(ByteBuf buf, int from, int to) {
        int i = from;
        for (int words = to - 8; i <= words; i += Long.BYTES) {
            long word = buf.getLongLE(i);
            long cr = word ^ CR;
            long lf = word ^ LF;
            long found = ((cr - ONES) & ~cr | (lf - ONES) & ~lf) & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            byte b = buf.getByte(i);
            if (b == '\r' || b == '\n') {
                return i;
            }
        }
        return -1;
    }
}
