package io.portcullis.gateway.wire;

/**
 * Checks one header field line of a request or response head (or trailers) on its bytes: no obs-fold, a token
 * name directly followed by a colon, and a value of field characters once optional whitespace is trimmed.
 */
public final class HeaderLine {

    /** Index in the positions array of the colon that ends the name. */
    public static final int COLON = 0;
    /** Index in the positions array of the trimmed value's first byte. */
    public static final int VALUE_START = 1;
    /** Index in the positions array just past the trimmed value's last byte. */
    public static final int VALUE_END = 2;

    private HeaderLine() {}

    /**
     * Checks the line {@code b[start, end)} (without its line end). Returns {@code null} and fills
     * {@code at[COLON]}, {@code at[VALUE_START]} and {@code at[VALUE_END]}, or returns what is wrong.
     */
    public static String parse(byte[] b, int start, int end, int[] at) {
        if (b[start] == ' ' || b[start] == '\t') {
            return "obs-fold (a header line starting with whitespace)";
        }
        int colon = start;
        while (colon < end && HeadChars.isTchar(b[colon])) {
            colon++;
        }
        if (colon == start || colon == end || b[colon] != ':') {
            return "header name is empty, has a non-token character, or has no colon";
        }
        int valueStart = colon + 1;
        int valueEnd = end;
        while (valueStart < valueEnd && (b[valueStart] == ' ' || b[valueStart] == '\t')) {
            valueStart++;
        }
        while (valueEnd > valueStart && (b[valueEnd - 1] == ' ' || b[valueEnd - 1] == '\t')) {
            valueEnd--;
        }
        for (int i = valueStart; i < valueEnd; i++) {
            if (!HeadChars.isFieldValue(b[i])) {
                return "header value has a control character";
            }
        }
        at[COLON] = colon;
        at[VALUE_START] = valueStart;
        at[VALUE_END] = valueEnd;
        return null;
    }
}
