package io.portcullis.gateway.invariant;

/** Wire bytes (as ISO-8859-1 text) made readable in a failure message: CR, LF, tabs and other bytes escaped. */
final class Escape {

    private Escape() {}

    static String of(String bytes) {
        StringBuilder out = new StringBuilder(bytes.length() + 16).append('"');
        for (int i = 0; i < bytes.length(); i++) {
            char c = bytes.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '"', '\\' -> out.append('\\').append(c);
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
