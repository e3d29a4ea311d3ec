package io.portcullis.analysis.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Removes one item from a YAML sequence in the file's text, leaving every other byte as it was: a block item
 * ({@code - sg-a} on its own line) loses its line; a flow item ({@code [sg-a, sg-b]}) loses itself and one
 * separating comma. The item is found at the line and column the configuration loader recorded for it. Anything
 * else (an alias, an item sharing its line with more) is refused with the reason; {@link ReviewApply} also
 * compiles the result and checks that exactly the memberships asked for are gone.
 */
final class YamlRemoval {

    /** Text to delete, {@code [start, end)}; {@code flow} when inside {@code [...]}. */
    record Span(int start, int end, boolean flow) {}

    private YamlRemoval() {}

    /**
     * {@code text} without {@code spans}: overlapping spans (two items of one flow list) are merged, and a flow
     * list left with a dangling comma ({@code [a, ]}, {@code [, b]}, {@code [a, , b]}) loses it.
     */
    static String apply(String text, List<Span> spans) {
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingInt(Span::start));
        List<Span> merged = new ArrayList<>();
        for (Span s : sorted) {
            Span last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && s.start() <= last.end()) {
                merged.set(merged.size() - 1, new Span(last.start(), Math.max(last.end(), s.end()), last.flow() || s.flow()));
            } else {
                merged.add(s);
            }
        }
        StringBuilder b = new StringBuilder(text);
        for (int i = merged.size() - 1; i >= 0; i--) {
            Span s = merged.get(i);
            b.delete(s.start(), s.end());
            if (s.flow()) {
                tidy(b, s.start());
            }
        }
        return b.toString();
    }

    /** Removes the comma a deletion at {@code at} left dangling in a flow list. */
    private static void tidy(StringBuilder b, int at) {
        int left = at - 1;
        while (left >= 0 && b.charAt(left) == ' ') {
            left--;
        }
        int right = at;
        while (right < b.length() && b.charAt(right) == ' ') {
            right++;
        }
        char l = left >= 0 ? b.charAt(left) : '\n';
        char r = right < b.length() ? b.charAt(right) : '\n';
        if (l == ',' && (r == ']' || r == ',')) {
            b.delete(left, right);
        } else if (l == '[' && r == ',') {
            int end = right + 1;
            while (end < b.length() && b.charAt(end) == ' ') {
                end++;
            }
            b.delete(left + 1, end);
        }
    }

    /** The span of {@code text} to delete for the item at {@code line}:{@code column} (1-based). */
    static Span span(String text, int line, int column) {
        int lineStart = 0;
        for (int l = 1; l < line; l++) {
            lineStart = text.indexOf('\n', lineStart) + 1;
            if (lineStart == 0) {
                throw new IllegalArgumentException("line " + line + " is beyond the end of the file");
            }
        }
        int start = lineStart + column - 1;
        int end = scalarEnd(text, start);
        int before = start - 1;
        while (before >= lineStart && (text.charAt(before) == ' ' || text.charAt(before) == '\t')) {
            before--;
        }
        char prev = before >= lineStart ? text.charAt(before) : '\n';
        int after = end;
        while (after < text.length() && (text.charAt(after) == ' ' || text.charAt(after) == '\t')) {
            after++;
        }
        char next = after < text.length() ? text.charAt(after) : '\n';
        if (prev == '-' && blank(text, lineStart, before) && (next == '\n' || next == '\r' || next == '#')) {
            int lineEnd = text.indexOf('\n', end);
            return new Span(lineStart, lineEnd < 0 ? text.length() : lineEnd + 1, false);
        }
        if (prev == '[' || prev == ',') {
            if (next == ',') {
                int skip = after + 1;
                while (skip < text.length() && text.charAt(skip) == ' ') {
                    skip++;
                }
                return new Span(start, skip, true);
            }
            if (prev == ',') {
                return new Span(before, end, true);
            }
            if (next == ']') {
                return new Span(start, end, true);
            }
        }
        throw new IllegalArgumentException("the item at line " + line + ", column " + column
                + " is not a plain sequence item (expected: '- sg-id' on its own line or an item of [a, b])");
    }

    /** The end of the scalar starting at {@code start}: its closing quote, or where a plain flow scalar stops. */
    private static int scalarEnd(String text, int start) {
        char c = text.charAt(start);
        if (c == '"') {
            for (int i = start + 1; i < text.length(); i++) {
                if (text.charAt(i) == '\\') {
                    i++;
                } else if (text.charAt(i) == '"') {
                    return i + 1;
                }
            }
        } else if (c == '\'') {
            for (int i = start + 1; i < text.length(); i++) {
                if (text.charAt(i) == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    i++;
                } else if (text.charAt(i) == '\'') {
                    return i + 1;
                }
            }
        } else if (c == '*' || c == '&' || c == '[' || c == '{') {
            throw new IllegalArgumentException("the item is an alias, anchor or collection (expected: a group id)");
        } else {
            int i = start;
            while (i < text.length() && ",]}\n\r".indexOf(text.charAt(i)) < 0
                    && !(text.charAt(i) == '#' && i > start && text.charAt(i - 1) == ' ')) {
                i++;
            }
            while (i > start && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
                i--;
            }
            return i;
        }
        throw new IllegalArgumentException("a quoted item is not closed");
    }

    private static boolean blank(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != ' ' && text.charAt(i) != '\t') {
                return false;
            }
        }
        return true;
    }
}
