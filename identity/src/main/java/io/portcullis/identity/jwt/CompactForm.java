package io.portcullis.identity.jwt;

/**
 * Strict syntax of a compact JWS before any decoding: three base64url segments (RFC 7515 section 7.1, no
 * padding, no whitespace), a non-empty header and signature, and each segment canonical (a final character
 * whose unused low bits are zero, no length that is 1 mod 4). Nimbus's decoder is lenient about some of these;
 * accepting two spellings of one token would let a modified token pass as the original.
 */
final class CompactForm {

    /** EF BB BF, the UTF-8 byte-order mark, as the first four base64url characters of a segment. */
    private static final String BOM = "77u_";

    private CompactForm() { }

    /** Null when well formed, otherwise what is wrong (for operators; no token content). */
    static String problem(String token) {
        int firstDot = -1;
        int secondDot = -1;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                if (firstDot < 0) {
                    firstDot = i;
                } else if (secondDot < 0) {
                    secondDot = i;
                } else {
                    return "more than three segments";
                }
            } else if (!isBase64Url(c)) {
                return "character " + (c < 0x20 || c > 0x7e ? String.format("U+%04X", (int) c) : "'" + c + "'")
                        + " at " + i + " (expected: base64url or '.')";
            }
        }
        if (secondDot < 0) {
            return "fewer than three segments";
        }
        if (firstDot == 0) {
            return "empty header";
        }
        if (secondDot == token.length() - 1) {
            return "empty signature";
        }
        if (!canonical(token, 0, firstDot) || !canonical(token, firstDot + 1, secondDot)
                || !canonical(token, secondDot + 1, token.length())) {
            return "non-canonical base64url";
        }
        if (token.startsWith(BOM) || token.startsWith(BOM, firstDot + 1)) {
            // JSON text must not start with a byte-order mark (RFC 8259 section 8.1); parsers differ on whether
            // they skip it, so a token with one is not one every reader sees alike.
            return (token.startsWith(BOM) ? "header" : "payload") + " starts with a UTF-8 byte-order mark";
        }
        return null;
    }

    private static boolean isBase64Url(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    private static boolean canonical(String s, int from, int to) {
        int len = to - from;
        int rem = len % 4;
        if (rem == 0) {
            return true;
        }
        if (rem == 1) {
            return false;
        }
        int unusedBits = rem == 2 ? 4 : 2;
        return (value(s.charAt(to - 1)) & ((1 << unusedBits) - 1)) == 0;
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : 63;
    }
}
