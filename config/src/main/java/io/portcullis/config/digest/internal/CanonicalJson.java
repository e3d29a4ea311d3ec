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
 * Writes a canonical tree as text and hashes bytes. The tree's objects already have their keys in order, so the
 * text is Jackson's compact output: no whitespace, UTF-8, only the escapes JSON requires.
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
