package io.portcullis.policy;

import java.util.List;
import java.util.Map;

/**
 * A JSON value with the line and column where it starts, so semantic errors can point into the original text.
 * Jackson's own tree drops locations, hence this small one.
 */
sealed interface JsonTree {

    int line();

    int column();

    /** A JSON object; {@code fields} keeps document order, {@code keyLines}/{@code keyColumns} where each name is. */
    record Obj(int line, int column, Map<String, JsonTree> fields) implements JsonTree {}

    record Arr(int line, int column, List<JsonTree> items) implements JsonTree {}

    /** A string, number or boolean; {@code text} is the string's value or the number's/boolean's JSON spelling. */
    record Scalar(int line, int column, Kind kind, String text) implements JsonTree {}

    record Null(int line, int column) implements JsonTree {}

    enum Kind { STRING, NUMBER, BOOLEAN }

    /** What the value is, for "expected X, found Y" messages. */
    default String describe() {
        if (this instanceof Obj) {
            return "an object";
        }
        if (this instanceof Arr) {
            return "an array";
        }
        if (this instanceof Null) {
            return "null";
        }
        return switch (((Scalar) this).kind()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
        };
    }

    /** Escapes one reference token of a JSON pointer (RFC 6901). */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
