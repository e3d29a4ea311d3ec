package io.portcullis.config.digest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.portcullis.config.api.PolicySource;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The canonical form of a resource policy. A policy read from a file is {@code {"file": {"sha256": ...}}}, the
 * SHA-256 of exactly the bytes the loader read, as for every other referenced file. An inline policy (written in
 * the YAML) is {@code {"inline": document}}: the document as parsed, every object's keys sorted, every array in
 * its order, since the position of a statement names it in decisions ({@code policy[0] Statement[1]}) and the
 * first statement that applies is the one reported.
 *
 * <p>{@link PolicySource} does not say which of the two it is, only where the text came from: a policy came from
 * a file when its origin names a file that still holds exactly its text. Anything else is inline; a text that is
 * not a JSON document cannot be inline (the loader writes inline policies as JSON) and counts as a file.
 */
final class PolicyForm {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PolicyForm() {}

    static JsonNode of(PolicySource policy, Function<? super Path, Optional<byte[]>> files) {
        byte[] text = policy.json().getBytes(StandardCharsets.UTF_8);
        if (!fromFile(policy.origin(), text, files)) {
            try {
                return tagged("inline", sorted(JSON.readTree(policy.json())));
            } catch (JsonProcessingException e) {
                // not JSON, so not written by the loader: the file's text, hashed below
            }
        }
        return tagged("file", tagged("sha256", NODES.textNode(CanonicalJson.sha256Hex(text))));
    }

    private static boolean fromFile(String origin, byte[] text, Function<? super Path, Optional<byte[]>> files) {
        try {
            return files.apply(Path.of(origin)).map(b -> Arrays.equals(b, text)).orElse(false);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static JsonNode sorted(JsonNode n) {
        if (n.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            n.properties().forEach(e -> fields.put(e.getKey(), sorted(e.getValue())));
            return CanonicalForm.object(fields);
        }
        if (n.isArray()) {
            ArrayNode out = NODES.arrayNode(n.size());
            n.forEach(x -> out.add(sorted(x)));
            return out;
        }
        return n;
    }

    private static JsonNode tagged(String key, JsonNode value) {
        return CanonicalForm.object(new TreeMap<>(Map.of(key, value)));
    }
}
