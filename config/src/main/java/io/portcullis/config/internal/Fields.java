package io.portcullis.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Walks one YAML mapping, reporting every problem with its path and what was expected. Each accessor marks its
 * key as known; {@link #done()} reports every key that no accessor asked for, so a typo is an error, never a
 * silently ignored setting.
 */
public final class Fields {

    private final JsonNode node;
    private final String path;
    private final Problems problems;
    private final Set<String> known = new TreeSet<>();
    private final boolean valid;
    private boolean extensionKeys;

    public Fields(JsonNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        this.valid = node != null && node.isObject();
        if (!valid) {
            problems.error(path, "got " + describe(node) + " (expected: a mapping)");
        }
    }

    public boolean valid() {
        return valid;
    }

    /** The path of this mapping itself. */
    public String at() {
        return path;
    }

    public String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public boolean has(String key) {
        known.add(key);
        return valid && node.has(key) && !node.get(key).isNull();
    }

    public JsonNode raw(String key) {
        known.add(key);
        return valid ? node.get(key) : null;
    }

    /** A required scalar, as text; null (and an error) when absent or not a scalar. */
    public String required(String key, String expected) {
        String v = optional(key, expected);
        if (v == null && valid && !has(key)) {
            problems.error(path(key), "missing (expected: " + expected + ")");
        }
        return v;
    }

    /** A required scalar that must match {@code pattern}; null (and one error) when absent or malformed. */
    public String required(String key, java.util.regex.Pattern pattern, String expected) {
        return Values.matching(required(key, expected), pattern, path(key), expected, problems);
    }

    /** An optional scalar, as text; null when absent. */
    public String optional(String key, String expected) {
        JsonNode v = raw(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            problems.error(path(key), "got " + describe(v) + " (expected: " + expected + ")");
            return null;
        }
        return v.asText();
    }

    /** An optional boolean: false when absent, null (and an error) when not {@code true} or {@code false}. */
    public Boolean bool(String key) {
        JsonNode v = raw(key);
        if (v == null || v.isNull()) {
            return Boolean.FALSE;
        }
        if (!v.isBoolean()) {
            problems.error(path(key), "got " + describe(v) + " (expected: true or false)");
            return null;
        }
        return v.booleanValue();
    }

    /** An optional sequence of scalars; a single scalar is not accepted, to keep lists unambiguous. */
    public List<String> strings(String key, String expected) {
        JsonNode v = raw(key);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            problems.error(path(key), "got " + describe(v) + " (expected: a list of " + expected + ")");
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isValueNode() || e.isNull()) {
                problems.error(path(key) + "[" + i + "]", "got " + describe(e) + " (expected: " + expected + ")");
            } else {
                out.add(e.asText());
            }
        }
        return out;
    }

    /** An optional sequence of mappings, as (path, node) pairs. */
    public List<Map.Entry<String, JsonNode>> objects(String key) {
        JsonNode v = raw(key);
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            problems.error(path(key), "got " + describe(v) + " (expected: a list)");
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            out.add(Map.entry(path(key) + "[" + i + "]", v.get(i)));
        }
        return out;
    }

    /** An optional mapping of string to string (tags, labels). */
    public Map<String, String> stringMap(String key) {
        JsonNode v = raw(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            problems.error(path(key), "got " + describe(v) + " (expected: a mapping of names to values)");
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                problems.error(path(key) + "." + e.getKey(), "got " + describe(e.getValue()) + " (expected: a value)");
            } else {
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        return out;
    }

    /**
     * Lets keys starting with {@code x-} through {@link #done()}: extension fields that hold nothing Portcullis
     * reads, only YAML anchors for aliases elsewhere (as in Docker Compose files).
     */
    public Fields allowExtensionKeys() {
        extensionKeys = true;
        return this;
    }

    /** Reports every key no accessor asked for. */
    public void done() {
        if (!valid) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k) && !(extensionKeys && k.startsWith("x-"))) {
                problems.error(path(k), "unknown key '" + k + "' (expected one of: " + String.join(", ", known) + ")");
            }
        }
    }

    static String describe(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "nothing";
        }
        if (n.isObject()) {
            return "a mapping";
        }
        if (n.isArray()) {
            return "a list";
        }
        return "'" + n.asText() + "'";
    }
}
