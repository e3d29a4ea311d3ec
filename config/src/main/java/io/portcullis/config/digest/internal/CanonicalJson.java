package io.portcullis.config.digest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes canonical JSON text and hashes bytes. A tree (an inline policy document) is written by Jackson, compact: its
 * objects already have their keys in order. A string is written as Jackson writes it ({@link #string}), so text
 * written directly and text written from a tree are the same.
 */
public final class CanonicalJson {

    private static final ObjectWriter WRITER = new ObjectMapper().writer();

    private CanonicalJson() {}

    /** The compact JSON text of {@code node}. */
    public static String text(JsonNode node) {
        try {
            return WRITER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree cannot be written: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Appends {@code s} as a JSON string, escaped exactly as Jackson's default generator does: {@code "} and
     * {@code \} with a backslash, backspace, tab, newline, form feed and carriage return by their short escapes,
     * every other character below U+0020 as backslash, {@code u} and four upper-case hex digits, everything else as it is (the text is
     * hashed as UTF-8).
     */
    public static void string(String s, StringBuilder out) {
        out.append('"');
        int plain = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, plain, i).append('\\');
            switch (c) {
                case '"', '\\' -> out.append(c);
                case '\b' -> out.append('b');
                case '\t' -> out.append('t');
                case '\n' -> out.append('n');
                case '\f' -> out.append('f');
                case '\r' -> out.append('r');
                default -> out.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
            plain = i + 1;
        }
        out.append(s, plain, s.length()).append('"');
    }

    /** {@code s} as a JSON string ({@link #string(String, StringBuilder)}). */
    public static String string(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        string(s, out);
        return out.toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** The lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /** The lower-case hex SHA-256 of the UTF-8 encoding of {@code text}. */
    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM (every Java SE runtime has it)", e);
        }
    }
}
