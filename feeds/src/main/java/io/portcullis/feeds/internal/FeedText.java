package io.portcullis.feeds.internal;

import io.portcullis.feeds.MalformedFeedException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A feed's bytes as lines: a UTF-8 byte-order mark is dropped, lines end at LF, CRLF or a lone CR, and trailing
 * whitespace is stripped. Content with a NUL byte is binary and rejected whole; invalid UTF-8 becomes U+FFFD,
 * so the line it is on is reported as bad rather than misread.
 */
public final class FeedText {

    private final List<String> lines;
    private final boolean lastLineTerminated;

    private FeedText(List<String> lines, boolean lastLineTerminated) {
        this.lines = lines;
        this.lastLineTerminated = lastLineTerminated;
    }

    public static FeedText decode(byte[] content) throws MalformedFeedException {
        int start = 0;
        if (content.length >= 3 && (content[0] & 0xff) == 0xef && (content[1] & 0xff) == 0xbb
                && (content[2] & 0xff) == 0xbf) {
            start = 3;
        }
        for (int i = start; i < content.length; i++) {
            if (content[i] == 0) {
                throw new MalformedFeedException(FeedMessages.binary());
            }
        }
        String text = new String(content, start, content.length - start, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        int lineStart = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(lineStart, i).stripTrailing());
                i += c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
                lineStart = i;
            } else {
                i++;
            }
        }
        boolean terminated = lineStart == text.length();
        if (!terminated) {
            lines.add(text.substring(lineStart).stripTrailing());
        }
        return new FeedText(List.copyOf(lines), terminated);
    }

    /** The lines, without terminators or trailing whitespace; line {@code n} (1-based) is {@code lines().get(n - 1)}. */
    public List<String> lines() {
        return lines;
    }

    /** Whether the content ended with a line terminator (a JSON feed cut mid-line does not). */
    public boolean lastLineTerminated() {
        return lastLineTerminated;
    }

    /** The first line that is not blank, stripped, or the empty string. */
    public String firstNonBlank() {
        for (String line : lines) {
            if (!line.isBlank()) {
                return line.strip();
            }
        }
        return "";
    }
}
