package io.portcullis.estate.write;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * Writes items as block YAML whose scalars are all JSON (double-quoted strings, plain numbers and booleans),
 * which YAML reads exactly as written: no value can turn into another type, and policy documents are written as
 * one-line JSON mappings, a subset of YAML flow style. Each item gets its comment on the line above it.
 */
final class YamlEmitter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private YamlEmitter() {}

    /** Appends {@code item} as a sequence element at {@code indent} spaces; calls back for each nested item's path. */
    static void item(StringBuilder out, Item item, int indent, String path, PathSink sink) {
        sink.accept(path, item);
        if (item.comment() != null) {
            for (String line : item.comment().split("\n")) {
                pad(out, indent).append("# ").append(line).append('\n');
            }
        }
        boolean first = true;
        for (Map.Entry<String, Object> e : item.fields().entrySet()) {
            pad(out, indent).append(first ? "- " : "  ");
            key(e.getKey(), out);
            out.append(':');
            first = false;
            Object v = e.getValue();
            if (v instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Item) {
                out.append('\n');
                for (int i = 0; i < l.size(); i++) {
                    Item child = (Item) l.get(i);
                    item(out, child, indent + 4, childPath(path, e.getKey(), i, child), sink);
                }
            } else {
                flow(v, out.append(' '));
                out.append('\n');
            }
        }
        if (first) {
            pad(out, indent).append("- {}\n");
        }
    }

    /**
     * Calls back for {@code item} at {@code path} and each item nested in it, in the order {@link #item} writes
     * them, with the same paths, and writes nothing: the traces of an item rendered as its tree alone.
     */
    static void paths(Item item, String path, PathSink sink) {
        sink.accept(path, item);
        for (Map.Entry<String, Object> e : item.fields().entrySet()) {
            if (e.getValue() instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Item) {
                for (int i = 0; i < l.size(); i++) {
                    Item child = (Item) l.get(i);
                    paths(child, childPath(path, e.getKey(), i, child), sink);
                }
            }
        }
    }

    /** The path of the {@code i}th item of the list {@code key} of the item at {@code path}: {@code .rules[2](id)}. */
    private static String childPath(String path, String key, int i, Item child) {
        return path + "." + key + "[" + i + "]" + (child.id() == null ? "" : "(" + child.id() + ")");
    }

    private static StringBuilder pad(StringBuilder out, int indent) {
        for (int i = 0; i < indent; i++) {
            out.append(' ');
        }
        return out;
    }

    /** Appends a value on one line: JSON, which is YAML flow style. */
    static void flow(Object v, StringBuilder out) {
        try {
            if (v instanceof Map<?, ?> m) {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    out.append(first ? "" : ", ");
                    first = false;
                    quote(String.valueOf(e.getKey()), out);
                    out.append(": ");
                    flow(e.getValue(), out);
                }
                out.append('}');
            } else if (v instanceof List<?> l) {
                out.append('[');
                boolean first = true;
                for (Object o : l) {
                    out.append(first ? "" : ", ");
                    first = false;
                    flow(o, out);
                }
                out.append(']');
            } else if (v instanceof JsonNode n) {
                out.append(JSON.writeValueAsString(n));
            } else if (v instanceof String text) {
                quote(text, out);
            } else {
                out.append(JSON.writeValueAsString(v));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + v, e);
        }
    }

    /**
     * Appends a JSON string literal, which YAML reads as a double-quoted scalar: {@code "} and {@code \\} escaped,
     * control characters as {@code \\uXXXX}, everything else as it is (the hot path of writing; Jackson would do
     * the same).
     */
    static void quote(String text, StringBuilder out) {
        out.append('"');
        int plain = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean escape = c == '"' || c == '\\';
            if (!escape && !(c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xfeff)) {
                continue;
            }
            out.append(text, plain, i);
            if (escape) {
                out.append('\\').append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
            plain = i + 1;
        }
        out.append(text, plain, text.length()).append('"');
    }

    /** Field names are ours and plain; anything else (user data) is quoted, so {@code on} stays a string. */
    static void key(String k, StringBuilder out) {
        if (plain(k) && k.length() > 3 || k.equals("id") || k.equals("vpc") || k.equals("to")) {
            out.append(k);
        } else {
            quote(k, out);
        }
    }

    /** {@code [A-Za-z][A-Za-z0-9]*}, checked by hand: every key of every item written passes here. */
    private static boolean plain(String k) {
        if (k.isEmpty() || !letter(k.charAt(0))) {
            return false;
        }
        for (int i = 1; i < k.length(); i++) {
            char c = k.charAt(i);
            if (!letter(c) && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean letter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** Receives the configuration path of each item written. */
    interface PathSink {
        void accept(String path, Item item);
    }
}
