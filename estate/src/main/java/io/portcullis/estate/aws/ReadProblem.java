package io.portcullis.estate.aws;

/**
 * Input that cannot be read: malformed JSON, a value of the wrong type, a required field missing. Printed as
 * {@code FILE#POINTER: message (expected: ...)}, or {@code FILE:LINE:COLUMN: message} for JSON syntax.
 */
public record ReadProblem(String file, String pointer, int line, int column, String message) {

    @Override
    public String toString() {
        if (line > 0) {
            return file + ":" + line + ":" + column + ": " + message;
        }
        return file + (pointer.isEmpty() ? "" : "#" + pointer) + ": " + message;
    }
}
