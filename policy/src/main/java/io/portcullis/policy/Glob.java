package io.portcullis.policy;

import java.util.Locale;

/**
 * A compiled IAM wildcard pattern: {@code *} matches any run of characters (also none), {@code ?} exactly one.
 *
 * <p>Design note (hot path): the pattern is an {@code int[]} of code points where {@link #STAR} and {@link #ONE}
 * mark wildcards, so characters that came from an escape ({@code ${*}}) or a policy variable's value stay literal.
 * Matching works on a region of the request string without copying it: a greedy scan that backtracks only to the
 * last {@code *}, O(n) for the common shapes and O(n·m) worst case; exact, prefix and "*" patterns take shortcuts.
 * With {@code ignoreCase} the pattern is stored lower-case and each input character is lowered as it is read.
 * Instances are immutable and shared between threads.
 */
final class Glob {

    static final int STAR = -1;
    static final int ONE = -2;

    private enum Shape { ANY, EXACT, PREFIX, GENERAL }

    private final int[] tokens;
    private final boolean ignoreCase;
    private final Shape shape;
    private final String literal;

    private Glob(int[] tokens, boolean ignoreCase) {
        this.ignoreCase = ignoreCase;
        this.tokens = tokens;
        int stars = 0;
        int ones = 0;
        for (int t : tokens) {
            stars += t == STAR ? 1 : 0;
            ones += t == ONE ? 1 : 0;
        }
        if (tokens.length == 1 && tokens[0] == STAR) {
            shape = Shape.ANY;
        } else if (stars == 0 && ones == 0) {
            shape = Shape.EXACT;
        } else if (stars == 1 && ones == 0 && tokens[tokens.length - 1] == STAR) {
            shape = Shape.PREFIX;
        } else {
            shape = Shape.GENERAL;
        }
        StringBuilder sb = new StringBuilder();
        for (int t : tokens) {
            if (t >= 0) {
                sb.appendCodePoint(t);
            }
        }
        literal = sb.toString();
    }

    /** A pattern where every {@code *} and {@code ?} in {@code pattern} is a wildcard. */
    static Glob of(String pattern, boolean ignoreCase) {
        int[] tokens = new int[pattern.length()];
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            tokens[i] = c == '*' ? STAR : c == '?' ? ONE : c;
        }
        return of(tokens, ignoreCase);
    }

    /** A pattern from tokens (chars, {@link #STAR}, {@link #ONE}). */
    static Glob of(int[] tokens, boolean ignoreCase) {
        int[] t = tokens.clone();
        if (ignoreCase) {
            for (int i = 0; i < t.length; i++) {
                t[i] = t[i] >= 0 ? lower(t[i]) : t[i];
            }
        }
        return new Glob(t, ignoreCase);
    }

    boolean matchesAnything() {
        return shape == Shape.ANY;
    }

    boolean matches(String s) {
        return matches(s, 0, s.length());
    }

    /** Whether {@code s[from, to)} matches. */
    boolean matches(String s, int from, int to) {
        switch (shape) {
            case ANY:
                return true;
            case EXACT:
                return to - from == literal.length() && s.regionMatches(ignoreCase, from, literal, 0, literal.length());
            case PREFIX:
                return to - from >= literal.length() && s.regionMatches(ignoreCase, from, literal, 0, literal.length());
            default:
                return general(s, from, to);
        }
    }

    private boolean general(String s, int from, int to) {
        int[] t = tokens;
        int n = t.length;
        int p = 0;
        int i = from;
        int starP = -1;
        int starI = -1;
        while (i < to) {
            if (p < n && t[p] != STAR && (t[p] == ONE || t[p] == charAt(s, i))) {
                p++;
                i++;
            } else if (p < n && t[p] == STAR) {
                starP = p++;
                starI = i;
            } else if (starP >= 0) {
                p = starP + 1;
                i = ++starI;
            } else {
                return false;
            }
        }
        while (p < n && t[p] == STAR) {
            p++;
        }
        return p == n;
    }

    private int charAt(String s, int i) {
        char c = s.charAt(i);
        return ignoreCase ? lower(c) : c;
    }

    private static int lower(int c) {
        return c < 128 ? (c >= 'A' && c <= 'Z' ? c + 32 : c) : Character.toLowerCase(Character.toUpperCase(c));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int t : tokens) {
            if (t == STAR) {
                sb.append('*');
            } else if (t == ONE) {
                sb.append('?');
            } else {
                sb.appendCodePoint(t);
            }
        }
        return ignoreCase ? sb.toString().toLowerCase(Locale.ROOT) : sb.toString();
    }
}
