package io.portcullis.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON text into a {@link JsonTree}, or reports the first syntax error at its exact line and column.
 *
 * <p>For a missing colon after a field name, the position reported is the character right after the name's closing
 * quote, where the colon belongs (Jackson itself reports the character after the unexpected one). A trailing comma
 * is reported at the comma, with the pointer of the object or array it ends: Jackson stops at the closing bracket,
 * with a pointer to the element the comma promised (a statement that does not exist).
 */
final class JsonTreeReader {

    /** Policies are small (AWS caps them at 20 KiB); the caps keep hostile input cheap. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64).maxStringLength(1 << 20).maxNumberLength(100).build())
            .build();

    private final String text;

    private JsonTreeReader(String text) {
        this.text = text;
    }

    /** A tree, or a single {@link PolicyError} describing the first syntax error. */
    static Object read(String text) {
        return new JsonTreeReader(text).read();
    }

    private Object read() {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new PolicyError(1, 1, "", "expected a JSON object, found an empty document");
            }
            JsonTree tree = value(p);
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                JsonLocation at = p.currentTokenLocation();
                return new PolicyError(at.getLineNr(), at.getColumnNr(), "",
                        "expected the end of the document after the top-level value, found more JSON");
            }
            return tree;
        } catch (JsonProcessingException e) {
            return syntaxError(e);
        } catch (IOException e) {
            return new PolicyError(1, 1, "", "unreadable JSON: " + firstLine(e.getMessage()));
        }
    }

    private JsonTree value(JsonParser p) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        return switch (p.currentToken()) {
            case START_OBJECT -> {
                Map<String, JsonTree> fields = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    fields.put(name, value(p));
                }
                yield new JsonTree.Obj(line, column, fields);
            }
            case START_ARRAY -> {
                List<JsonTree> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(p));
                }
                yield new JsonTree.Arr(line, column, items);
            }
            case VALUE_STRING -> new JsonTree.Scalar(line, column, JsonTree.Kind.STRING, p.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new JsonTree.Scalar(line, column, JsonTree.Kind.NUMBER, p.getText());
            case VALUE_TRUE, VALUE_FALSE -> new JsonTree.Scalar(line, column, JsonTree.Kind.BOOLEAN, p.getText());
            case VALUE_NULL -> new JsonTree.Null(line, column);
            default -> throw new JsonParseException(p, "unexpected token " + p.currentToken());
        };
    }

    private PolicyError syntaxError(JsonProcessingException e) {
        JsonParser p = e.getProcessor() instanceof JsonParser jp ? jp : null;
        String pointer = p == null ? "" : p.getParsingContext().pathAsPointer().toString();
        String raw = e.getOriginalMessage();
        JsonLocation at = e.getLocation();
        if (raw.contains("was expecting a colon") && at != null) {
            int[] where = afterClosingQuote(at.getCharOffset());
            if (where != null) {
                return new PolicyError(where[0], where[1], pointer,
                        "expected ':' after the field name \"" + currentName(p) + "\"");
            }
        }
        int close = at == null ? -1 : offset(at.getLineNr(), at.getColumnNr());
        int comma = trailingComma(close);
        if (comma >= 0 && p != null) {
            int[] where = position(comma);
            String container = pointer.substring(0, Math.max(0, pointer.lastIndexOf('/')));
            boolean object = text.charAt(close) == '}';
            return new PolicyError(where[0], where[1], container, object
                    ? "trailing comma after the last field \"" + currentName(p) + "\" (expected: another field after ',', "
                            + "or no ',' before '}')"
                    : "trailing comma after the last element (expected: another element after ',', or no ',' before ']')");
        }
        int line = at == null ? 1 : Math.max(1, at.getLineNr());
        int column = at == null ? 1 : Math.max(1, at.getColumnNr());
        return new PolicyError(line, column, pointer, "invalid JSON: " + firstLine(raw));
    }

    private static String currentName(JsonParser p) {
        try {
            return p.currentName();
        } catch (Exception e) {
            return "";
        }
    }

    /**
     * Line and column just after the field name's closing quote, found by walking back from the unexpected
     * character Jackson stopped after ({@code offset} is just past it) over whitespace; null when there is none.
     */
    private int[] afterClosingQuote(long offset) {
        int i = (int) Math.min(offset, text.length()) - 2;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        return i >= 0 && text.charAt(i) == '"' ? position(i + 1) : null;
    }

    /** The offset of a comma that directly precedes (but for whitespace) the closing bracket at {@code close}, or -1. */
    private int trailingComma(int close) {
        if (close < 0 || (text.charAt(close) != '}' && text.charAt(close) != ']')) {
            return -1;
        }
        int i = close - 1;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        return i >= 0 && text.charAt(i) == ',' ? i : -1;
    }

    /** The offset of the character at a 1-based line and column (as {@link #position} counts them), or -1. */
    private int offset(int line, int column) {
        int l = 1;
        int i = 0;
        while (l < line && i < text.length()) {
            char c = text.charAt(i++);
            if (c == '\n' || (c == '\r' && (i >= text.length() || text.charAt(i) != '\n'))) {
                l++;
            }
        }
        int at = i + column - 1;
        return l == line && column >= 1 && at < text.length() ? at : -1;
    }

    private int[] position(int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, offset - lineStart + 1};
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
