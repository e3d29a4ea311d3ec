package io.portcullis.identity.jwt;

/** Makes attacker-chosen values safe to put in a log line: quoted, printable ASCII only, bounded length. */
final class Texts {

    private static final int MAX = 64;

    private Texts() { }

    static String quote(Object value) {
        if (value == null) {
            return "(none)";
        }
        String s = value.toString();
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX) + 4).append('\'');
        for (int i = 0; i < s.length() && i < MAX; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f && c != '\'' ? c : '?');
        }
        return b.append(s.length() > MAX ? "...'" : "'").toString();
    }
}
