package io.portcullis.config;

import static java.util.Objects.requireNonNull;

/**
 * One finding about a configuration: where (file, line and column, and the path inside the file such as
 * {@code securityGroups[2].ingress[0].from.group}) and what was wrong, usually ending with what was expected.
 * Every command prints problems in one format ({@link #toString()}):
 * {@code FILE:LINE:COLUMN: PATH: message (expected: ...)}, where the path names each identified element by its
 * id after its index ({@code apis[0](orders).auth.jwt.jwks}).
 *
 * @param line 1-based, or 0 when the problem is not about one place in the file (an unreadable file)
 * @param column 1-based, or 0 with {@code line}
 * @param path the path inside the file, with indexes only ({@code apis[0].auth}); empty for the whole file
 * @param named {@code path} with ids ({@code apis[0](orders).auth}), as printed
 */
public record Problem(Severity severity, String file, int line, int column, String path, String named, String message) {

    public enum Severity { ERROR, WARNING }

    public Problem {
        requireNonNull(severity, "severity");
        requireNonNull(file, "file");
        requireNonNull(path, "path");
        requireNonNull(named, "named");
        requireNonNull(message, "message");
    }

    /** A problem not placed in any file (the node as a whole). */
    public static Problem unplaced(Severity severity, String message) {
        return new Problem(severity, "", 0, 0, "", "", message);
    }

    /** {@code FILE:LINE:COLUMN: PATH: message}; parts that are unknown are left out. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (!file.isEmpty()) {
            b.append(file);
            if (line > 0) {
                b.append(':').append(line).append(':').append(column);
            }
            b.append(": ");
        } else if (line > 0 && path.isEmpty()) {
            b.append("line ").append(line).append(", column ").append(column).append(": ");
        }
        if (!named.isEmpty()) {
            b.append(named).append(": ");
        }
        return b.append(message).toString();
    }
}
