package io.portcullis.console.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One decision row of the Decisions view, made from an audit record as the log holds it (docs/audit.md): its
 * index, and the record's fields the table shows. The same record, whole, opens when the row is clicked.
 */
final class Rows {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FIELDS = {"time", "kind", "api", "method", "path", "sourceAddress", "workload",
        "principal", "verdict", "layer", "reason", "decidedBy", "status"};

    private Rows() {}

    static ObjectNode row(long index, JsonNode record) {
        ObjectNode row = JSON.createObjectNode().put("index", index);
        for (String f : FIELDS) {
            JsonNode v = record.get(f);
            if (v != null && !v.isNull()) {
                row.set(f, v);
            }
        }
        return row;
    }

    static boolean denied(JsonNode record) {
        return record.path("verdict").asText("").toUpperCase(java.util.Locale.ROOT).startsWith("DEN");
    }

    static long millis(JsonNode record) {
        try {
            return Instant.parse(record.path("time").asText("")).toEpochMilli();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }
}
