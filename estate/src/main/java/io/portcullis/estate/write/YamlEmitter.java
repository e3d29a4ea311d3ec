package io.portcullis.estate.write;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes items as block YAML whose scalars are all JSON (double-quoted strings, plain numbers and booleans),
 * which YAML reads exactly as written: no value can turn into another type, and policy documents are written as
 * one-line JSON mappings, a subset of YAML flow style. Each item gets its comment on the line above it.
 */
final class YamlEmitter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    private YamlEmitter() {}

    /** Appends {@code item} as a sequence element at {@code indent} spaces; calls back for each nested item's path. */
    static void item(StringBuilder out, Item item, int indent, String path, PathSink sink) {
        sink.accept(path, item);
        String pad = " ".repeat(indent);
        if (item.comment() != null) {
            for (String line : item.comment().split("\n")) {
                out.append(pad).append("# ").append(line).append('\n');
            }
        }
        boolean first = true;
        for (Map.Entry<String, Object> e : item.fields().entrySet()) {
            out.append(first ? pad + "- " : pad + "  ").append(key(e.getKey())).append(':');
            first = false;
            Object v = e.getValue();
            if (v instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Item) {
                out.append('\n');
                for (int i = 0; i < l.size(); i++) {
                    Item child = (Item) l.get(i);
                    item(out, child, indent + 4, path + "." + e.getKey() + "[" + i + "]" + (child.id() == null ? "" : "(" + child.id() + ")"), sink);
                }
            } else {
                out.append(' ').append(flow(v)).append('\n');
            }
        }
        if (first) {
            out.append(pad).append("- {}\n");
        }
    }

    /** A value on one line: JSON, which is YAML flow style. */
    static String flow(Object v) {
        try {
            if (v instanceof Map<?, ?> m) {
                StringBuilder b = new StringBuilder("{");
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    b.append(b.length() > 1 ? ", " : "").append(flow(String.valueOf(e.getKey()))).append(": ").append(flow(e.getValue()));
                }
                return b.append('}').toString();
            }
            if (v instanceof List<?> l) {
                StringBuilder b = new StringBuilder("[");
                for (Object o : l) {
                    b.append(b.length() > 1 ? ", " : "").append(flow(o));
                }
                return b.append(']').toString();
            }
            if (v instanceof JsonNode n) {
                return JSON.writeValueAsString(n);
            }
            if (v instanceof String text) {
                return quote(text);
            }
            return JSON.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + v, e);
        }
    }

    /**
     * A JSON string literal, which YAML reads as a double-quoted scalar: {@code "} and {@code \\} escaped, control
     * characters as {@code \\uXXXX}, everything else as it is (the hot path of writing; Jackson would do the same).
     */
    static String quote(String text) {
        StringBuilder b = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xfeff) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** Field names are ours and plain; anything else (user data) is quoted, so {@code on} stays a string. */
    static String key(String k) {
        return PLAIN_KEY.matcher(k).matches() && k.length() > 3 || k.equals("id") || k.equals("vpc") || k.equals("to") ? k : flow(k);
    }

    /** Receives the configuration path of each item written. */
    interface PathSink {
        void accept(String path, Item item);
    }
}
