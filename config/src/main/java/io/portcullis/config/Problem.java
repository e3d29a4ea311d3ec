package io.portcullis.config;

import static java.util.Objects.requireNonNull;

/**
 * One validation finding: where (file and path, e.g. {@code securityGroups[2].ingress[0].from.group}) and what
 * was wrong, usually ending with what was expected.
 */
public record Problem(Severity severity, String file, String path, String message) {

    public enum Severity { ERROR, WARNING }

    public Problem {
        requireNonNull(severity, "severity");
        requireNonNull(file, "file");
        requireNonNull(path, "path");
        requireNonNull(message, "message");
    }

    /** {@code file: path: message}; the file is omitted when empty. */
    @Override
    public String toString() {
        String where = path.isEmpty() ? "" : path + ": ";
        return (file.isEmpty() ? "" : file + ": ") + where + message;
    }
}
