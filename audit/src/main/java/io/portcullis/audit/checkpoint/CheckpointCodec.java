package io.portcullis.audit.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/** Reads and writes a {@link Checkpoint} as one JSON object; errors name the field and what was expected. */
public final class CheckpointCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CheckpointCodec() {}

    public static ObjectNode toJson(Checkpoint c) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("size", c.size());
        node.put("root", c.rootBase64());
        node.put("time", c.time().toString());
        node.put("keyId", c.keyId());
        node.put("signature", Base64.getEncoder().encodeToString(c.signature()));
        return node;
    }

    public static String toLine(Checkpoint c) {
        return toJson(c).toString();
    }

    /** Parses one checkpoint; {@code where} prefixes error messages (for example {@code "checkpoints.log:3"}). */
    public static Checkpoint fromJson(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + ": not a JSON object (expected: a checkpoint)");
        }
        JsonNode size = node.get("size");
        if (size == null || !size.canConvertToLong() || !size.isIntegralNumber() || size.asLong() < 0) {
            throw new IllegalArgumentException(where + ": size: " + size + " (expected: an integer >= 0)");
        }
        try {
            return new Checkpoint(size.asLong(), base64(node, "root", where), Instant.parse(text(node, "time", where)),
                    text(node, "keyId", where), base64(node, "signature", where));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": time: " + node.get("time") + " (expected: ISO-8601 instant)", e);
        }
    }

    public static Checkpoint fromLine(String line, String where) {
        try {
            return fromJson(MAPPER.readTree(line), where);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": malformed JSON (expected: one checkpoint object per line)", e);
        }
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(where + ": " + field + ": " + v + " (expected: a string)");
        }
        return v.asText();
    }

    private static byte[] base64(JsonNode node, String field, String where) {
        String s = text(node, field, where);
        try {
            byte[] bytes = Base64.getDecoder().decode(s);
            if (field.equals("root") && bytes.length != 32) {
                throw new IllegalArgumentException(where + ": root: " + bytes.length + " bytes (expected: 32)");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(where)) {
                throw e;
            }
            throw new IllegalArgumentException(where + ": " + field + ": not base64 (expected: standard base64)", e);
        }
    }
}
