package io.portcullis.gateway.wire;

/** Character classes of RFC 9110/9112 as lookup tables, for the byte-by-byte framing checks. */
public final class HeadChars {

    private static final boolean[] TCHAR = new boolean[256];
    private static final boolean[] FIELD_VALUE = new boolean[256];
    private static final boolean[] TARGET = new boolean[256];
    private static final boolean[] HOST = new boolean[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
        for (int c = 0x21; c <= 0x7e; c++) {
            FIELD_VALUE[c] = true;
            TARGET[c] = true;
        }
        for (int c = 0x80; c <= 0xff; c++) {
            FIELD_VALUE[c] = true; // obs-text is legal in values; controls and DEL are not
        }
        FIELD_VALUE[' '] = true;
        FIELD_VALUE['\t'] = true;
        for (int c = 0; c < 256; c++) {
            HOST[c] = c < 128 && (Character.isLetterOrDigit(c) || ".-:[]_~%".indexOf(c) >= 0);
        }
    }

    private HeadChars() {}

    public static boolean isTchar(byte b) {
        return TCHAR[b & 0xff];
    }

    public static boolean isFieldValue(byte b) {
        return FIELD_VALUE[b & 0xff];
    }

    public static boolean isTarget(byte b) {
        return TARGET[b & 0xff];
    }

    public static boolean isHost(byte b) {
        return HOST[b & 0xff];
    }

    /** Whether every character of {@code s} is a request-target character (visible ASCII). */
    public static boolean isTarget(CharSequence s) {
        return all(s, TARGET);
    }

    /** Whether every character of {@code s} may appear in a host (a Host field, an authority). */
    public static boolean isHost(CharSequence s) {
        return all(s, HOST);
    }

    private static boolean all(CharSequence s, boolean[] table) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= table.length || !table[c]) {
                return false;
            }
        }
        return true;
    }

    public static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
