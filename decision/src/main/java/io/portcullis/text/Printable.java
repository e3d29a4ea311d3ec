package io.portcullis.text;

/**
 * Text that someone else wrote (a rule description, a policy's Sid, a tag, a baseline's justification) made safe
 * to print in a line-oriented text report: every character that could move the cursor, end the line, change how a
 * terminal draws what follows or reorder it on screen is written as {@code \}{@code uXXXX}, so a value can neither
 * forge a report line ("ACCEPTED until 2099") nor erase one with ANSI escape sequences, and what was hidden in it
 * stays visible. Escaped: C0 controls (U+0000 to U+001F, tab and newline included), DEL, C1 controls (U+0080 to
 * U+009F), the line and paragraph separators U+2028 and U+2029, the bidirectional controls (U+061C, U+200E,
 * U+200F, U+202A to U+202E, U+2066 to U+2069) and lone surrogates. A backslash is left as it is: the escapes are
 * for reading, and the JSON and SARIF outputs keep the exact text.
 *
 * <p>Every text report prints what it did not write itself through {@link #line}; text without such a character
 * (nearly all of it) is returned as it is, without copying.
 */
public final class Printable {

    private Printable() {}

    /** {@code text} with every character described above escaped; null prints as {@code null}. */
    public static String line(String text) {
        if (text == null) {
            return "null";
        }
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (unsafe(text, i)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (unsafe(text, i)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the character at {@code i} is escaped: a control, separator or bidi control, or a lone surrogate. */
    private static boolean unsafe(String text, int i) {
        char c = text.charAt(i);
        if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
            return true;
        }
        if (c < 0x61c) {
            return false;
        }
        if (c == 0x61c || c == 0x200e || c == 0x200f || c >= 0x2028 && c <= 0x202e || c >= 0x2066 && c <= 0x2069) {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        return false;
    }
}
