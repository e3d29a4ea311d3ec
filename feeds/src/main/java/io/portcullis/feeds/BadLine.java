package io.portcullis.feeds;

import static java.util.Objects.requireNonNull;

/**
 * One line of a feed that was skipped, with why.
 *
 * @param lineNumber the 1-based line number in the feed
 * @param reason     what was wrong, with an excerpt of the line (at most 60 characters)
 */
public record BadLine(int lineNumber, String reason) {

    public BadLine {
        if (lineNumber < 1) {
            throw new IllegalArgumentException("lineNumber: " + lineNumber + " (expected: >= 1)");
        }
        requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return "line " + lineNumber + ": " + reason;
    }
}
