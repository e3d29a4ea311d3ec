package io.portcullis.estate.write;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;

/**
 * Writes items as block YAML whose scalars are all JSON (double-quoted strings, plain numbers and booleans),
 * which YAML reads exactly as written: no value can turn into another type, and policy documents are written as
 * one-line JSON mappings, a subset of YAML flow style. Each item gets its comment on the line above it.
 */
final class YamlEmitter {

    /** A JSON document inside the YAML (a policy): every character beyond ASCII escaped, as {@link #quote} would. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private YamlEmitter() {}

    /** Appends {@code item} as a sequence element at {@code indent} spaces; calls back for each nested item's path. */
    static void item(StringBuilder out, Item item, int indent, String path, PathSink sink) {
        sink.accept(path, item);
        if (item.comment() != null) {
            for (String line : item.comment().split("\n")) {
                comment(line, pad(out, indent).append("# ")).append('\n');
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
                // DEL is ASCII, so Jackson leaves it as it is; it stands only inside a string, where its escape reads the same
                out.append(JSON.writeValueAsString(n).replace("\u007f", "\\u007f"));
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
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                continue; // printable ASCII, the hot path
            }
            boolean escape = c == '"' || c == '\\';
            if (!escape && printable(text, i)) {
                if (Character.isHighSurrogate(c)) {
                    i++; // and its low surrogate: one printable character
                }
                continue;
            }
            out.append(text, plain, i);
            if (escape) {
                out.append('\\').append(c);
            } else {
                hex(c, out);
            }
            plain = i + 1;
        }
        out.append(text, plain, text.length()).append('"');
    }

    /**
     * Appends {@code text} as the rest of a comment line: every character {@link #printable} refuses (a line break
     * of any kind YAML knows, a control character, a lone surrogate, a direction override) is written as the six
     * characters {@code \\uXXXX}, so a comment is one line whatever the text it quotes (a group's name, a tag, a
     * file name of the export) and never ends early.
     */
    static StringBuilder comment(String text, StringBuilder out) {
        int plain = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                continue; // printable ASCII, the hot path
            }
            if (printable(text, i)) {
                if (Character.isHighSurrogate(c)) {
                    i++;
                }
                continue;
            }
            out.append(text, plain, i);
            hex(text.charAt(i), out);
            plain = i + 1;
        }
        return out.append(text, plain, text.length());
    }

    /**
     * Whether the character at {@code i} may be written as it is: YAML's printable characters (U+0020-U+007E,
     * U+00A0-U+D7FF, U+E000-U+FFFD, and a surrogate pair), less the ones that end a line in YAML 1.1 (U+0085,
     * U+2028, U+2029, besides CR and LF), the byte order mark, and the direction controls (U+200E, U+200F,
     * U+202A-U+202E, U+2066-U+2069) that make a file read differently from what it holds. The reader refuses
     * the rest of the non-printable characters anywhere in a file, comments included.
     */
    static boolean printable(String text, int i) {
        char c = text.charAt(i);
        if (c < 0x7f) {
            return c >= 0x20;
        }
        if (c < 0xa0) {
            return false; // DEL and C1, U+0085 (a line break) among them
        }
        if (Character.isSurrogate(c)) {
            return Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return !(c == 0x2028 || c == 0x2029 || c == 0xfeff || c == 0xfffe || c == 0xffff
                || c == 0x200e || c == 0x200f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069);
    }

    /**
     * Appends the character at {@code i} as {@link #comment} writes it: as it is, with its low surrogate when it
     * starts a pair, or as {@code \\uXXXX} when {@link #printable} refuses it; returns the index of the last
     * character taken ({@code i}, or {@code i + 1} for a pair).
     */
    static int printableOrEscaped(String text, int i, StringBuilder out) {
        char c = text.charAt(i);
        if (!printable(text, i)) {
            hex(c, out);
            return i;
        }
        out.append(c);
        if (Character.isHighSurrogate(c)) {
            out.append(text.charAt(i + 1));
            return i + 1;
        }
        return i;
    }

    /** {@code \\uXXXX}, lower-case hex, as JSON and YAML read it. */
    private static void hex(char c, StringBuilder out) {
        out.append("\\u");
        for (int shift = 12; shift >= 0; shift -= 4) {
            out.append(HEX[(c >> shift) & 0xf]);
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

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
