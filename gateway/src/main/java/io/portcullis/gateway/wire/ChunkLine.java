package io.portcullis.gateway.wire;

/**
 * Parses a chunk-size line strictly: 1 to 15 hexadecimal digits, then only {@code ;name} or {@code ;name=value}
 * extensions made of token characters (no whitespace, no quoted strings).
 */
public final class ChunkLine {

    private static final long NOT_HEX = -1;
    private static final long TOO_LONG = -2;
    private static final long BAD_EXTENSION = -3;

    private ChunkLine() {}

    /** The chunk size, or a negative code for {@link #violation(long)}. */
    public static long size(byte[] line, int length) {
        int i = 0;
        long size = 0;
        while (i < length && HeadChars.hexValue(line[i]) >= 0) {
            if (i == 15) {
                return TOO_LONG;
            }
            size = size * 16 + HeadChars.hexValue(line[i++]);
        }
        if (i == 0) {
            return NOT_HEX;
        }
        while (i < length) {
            if (line[i++] != ';') {
                return BAD_EXTENSION;
            }
            int name = i;
            while (i < length && HeadChars.isTchar(line[i])) {
                i++;
            }
            if (i == name) {
                return BAD_EXTENSION;
            }
            if (i < length && line[i] == '=') {
                int value = ++i;
                while (i < length && HeadChars.isTchar(line[i])) {
                    i++;
                }
                if (i == value) {
                    return BAD_EXTENSION;
                }
            }
        }
        return size;
    }

    public static String violation(long code) {
        return code == NOT_HEX ? "chunk size is not hexadecimal"
                : code == TOO_LONG ? "chunk size longer than 15 hex digits"
                : "chunk extension is not ';token[=token]'";
    }
}
