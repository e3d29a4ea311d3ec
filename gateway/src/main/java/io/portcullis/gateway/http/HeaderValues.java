package io.portcullis.gateway.http;

import java.nio.charset.StandardCharsets;

/**
 * Values the gateway writes into headers from facts it did not choose (a token's subject, a principal made from
 * claims): percent-encoded so that no byte outside visible ASCII, and no {@code %} or {@code ,} of the value, reaches
 * the upstream raw. A claim holding CR LF can therefore never add a header line, and a comma can never split a
 * value into two list items.
 */
final class HeaderValues {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private HeaderValues() {}

    static String safe(String value) {
        boolean plain = true;
        for (int i = 0; i < value.length() && plain; i++) {
            char c = value.charAt(i);
            plain = c > 0x20 && c < 0x7F && c != '%' && c != ',';
        }
        if (plain) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c > 0x20 && c < 0x7F && c != '%' && c != ',') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
