package io.portcullis.estate.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A JSON value with where it was read, and typed accessors that report what is wrong at its JSON pointer and
 * return null (or empty) instead of throwing: hostile input is reported, never a crash. Unknown fields are
 * ignored, as the AWS CLI adds fields over time.
 */
public final class Node {

    private final JsonNode value;
    private final Source source;
    private final Problems problems;

    public Node(JsonNode value, Source source, Problems problems) {
        this.value = value;
        this.source = source;
        this.problems = problems;
    }

    public Source source() {
        return source;
    }

    public JsonNode value() {
        return value;
    }

    public boolean has(String key) {
        return value != null && value.isObject() && value.has(key) && !value.get(key).isNull();
    }

    public Node get(String key) {
        JsonNode v = value != null && value.isObject() ? value.get(key) : null;
        return new Node(v, source.child(key), problems);
    }

    /** A required string; null after reporting. */
    public String text(String key, String expected) {
        String v = optText(key, expected);
        if (v == null && !has(key)) {
            problems.error(source.child(key), "missing (expected: " + expected + ")");
        }
        return v;
    }

    /** A required string matching {@code pattern}; null after reporting. */
    public String text(String key, Pattern pattern, String expected) {
        String v = text(key, expected);
        if (v != null && !pattern.matcher(v).matches()) {
            problems.error(source.child(key), "'" + shorten(v) + "' (expected: " + expected + ")");
            return null;
        }
        return v;
    }

    /** An optional string; null when absent, null after reporting when not a string. */
    public String optText(String key, String expected) {
        if (!has(key)) {
            return null;
        }
        JsonNode v = value.get(key);
        if (!v.isTextual()) {
            problems.error(source.child(key), "got " + describe(v) + " (expected: " + expected + ")");
            return null;
        }
        return v.textValue();
    }

    /** An optional whole number in [min, max]; null when absent, null after reporting when out of range. */
    public Integer optInt(String key, int min, int max, String expected) {
        if (!has(key)) {
            return null;
        }
        JsonNode v = value.get(key);
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            problems.error(source.child(key), "got " + describe(v) + " (expected: " + expected + ")");
            return null;
        }
        return v.intValue();
    }

    /** An optional boolean; {@code dflt} when absent, null after reporting when not a boolean. */
    public Boolean optBool(String key, boolean dflt) {
        if (!has(key)) {
            return dflt;
        }
        JsonNode v = value.get(key);
        if (!v.isBoolean()) {
            problems.error(source.child(key), "got " + describe(v) + " (expected: true or false)");
            return null;
        }
        return v.booleanValue();
    }

    /** An optional array's elements; empty when absent, empty after reporting when not an array. */
    public List<Node> array(String key) {
        List<Node> out = new ArrayList<>();
        if (!has(key)) {
            return out;
        }
        JsonNode v = value.get(key);
        Source at = source.child(key);
        if (!v.isArray()) {
            problems.error(at, "got " + describe(v) + " (expected: a list)");
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            out.add(new Node(v.get(i), at.child(i), problems));
        }
        return out;
    }

    /** An optional array of strings; elements that are not strings are reported and left out. */
    public List<String> strings(String key, String expected) {
        List<String> out = new ArrayList<>();
        for (Node n : array(key)) {
            if (n.value == null || !n.value.isTextual()) {
                problems.error(n.source, "got " + describe(n.value) + " (expected: " + expected + ")");
            } else {
                out.add(n.value.textValue());
            }
        }
        return out;
    }

    /**
     * One field of each object in the array under {@code key} ({@code Groups[].GroupId}), in order, without
     * repeats; an element that is not an object or lacks the field is reported and left out.
     */
    public List<String> eachField(String key, String field, Pattern pattern, String expected) {
        List<String> out = new ArrayList<>();
        for (Node n : array(key)) {
            if (n.isObject("an object with " + field)) {
                String v = pattern == null ? n.text(field, expected) : n.text(field, pattern, expected);
                if (v != null && !out.contains(v)) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /** True if this value is an object; otherwise reports it and returns false. */
    public boolean isObject(String expected) {
        if (value == null || !value.isObject()) {
            problems.error(source, "got " + describe(value) + " (expected: " + expected + ")");
            return false;
        }
        return true;
    }

    /** AWS tags: {@code [{"Key": k, "Value": v}]} under {@code key}, in the order written. */
    public Map<String, String> tags(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Node t : array(key)) {
            if (!t.isObject("a tag {Key, Value}")) {
                continue;
            }
            String k = t.text("Key", "the tag's key, a string");
            String v = t.has("Value") ? t.optText("Value", "the tag's value, a string") : "";
            if (k != null && v != null) {
                out.put(k, v);
            }
        }
        return out;
    }

    /** API Gateway tags: a JSON object of names to strings. */
    public Map<String, String> tagMap(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!has(key)) {
            return out;
        }
        Node m = get(key);
        if (!m.isObject("a mapping of tag names to values")) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = m.value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isTextual()) {
                out.put(e.getKey(), e.getValue().textValue());
            } else {
                problems.error(m.source.child(e.getKey()), "got " + describe(e.getValue()) + " (expected: a string)");
            }
        }
        return out;
    }

    public void error(String key, String message) {
        problems.error(key == null ? source : source.child(key), message);
    }

    static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isNull()) {
            return "null";
        }
        if (v.isTextual()) {
            return "the string '" + shorten(v.textValue()) + "'";
        }
        if (v.isNumber()) {
            return "the number " + shorten(v.asText());
        }
        if (v.isBoolean()) {
            return "the boolean " + v.asText();
        }
        return v.isArray() ? "a list" : "an object";
    }

    static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
