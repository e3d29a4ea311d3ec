package io.portcullis.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Parses and validates IAM policy JSON exactly as written. Syntax errors stop at the first one (with its line and
 * column); semantic errors are all collected. Every error carries a JSON pointer and says what was expected.
 */
public final class PolicyParser {

    private PolicyParser() {}

    public static ParseResult parse(String json) {
        requireNonNull(json, "json");
        Object tree = JsonTreeReader.read(json);
        if (tree instanceof PolicyError e) {
            return new ParseResult.Invalid(List.of(e));
        }
        return DocumentReader.read((JsonTree) tree);
    }
}
