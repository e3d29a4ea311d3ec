package io.portcullis.config.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.config.api.PolicySource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a policy document written in the configuration: inline (a mapping, kept as JSON text so its errors are
 * placed under the field) or as a file path. Every policy field (an API's {@code resourcePolicy}, an endpoint's
 * {@code policy}, an AWS API's {@code resourcePolicy}) is read here; the policy compiler checks the document.
 */
final class PolicySources {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicySources() {}

    /** The document at {@code path}, or null after reporting why it cannot be read. */
    static PolicySource read(String path, JsonNode node, Problems problems) {
        if (node.isTextual()) {
            Path file = Values.file(node.asText(), path, problems);
            if (file == null) {
                return null;
            }
            try {
                return new PolicySource(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            } catch (IOException | RuntimeException e) {
                problems.error(path, "cannot read '" + file + "': " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage()) + " (expected: a readable policy JSON file)");
                return null;
            }
        }
        if (!node.isObject()) {
            problems.error(path, "got " + Fields.describe(node) + " (expected: an inline policy document or a file path)");
            return null;
        }
        try {
            return new PolicySource(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node), "");
        } catch (JsonProcessingException e) {
            problems.error(path, "cannot be written as JSON (expected: a policy document)");
            return null;
        }
    }
}
