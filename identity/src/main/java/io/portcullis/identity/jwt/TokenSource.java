package io.portcullis.identity.jwt;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;

/**
 * Where a request carries its token: {@code Authorization: Bearer <token>} (the default) or the whole value
 * of a named header.
 *
 * @param header the header name, matched case-insensitively by the caller's header lookup
 * @param bearerScheme whether the value is {@code Bearer <token>} (scheme case-insensitive, RFC 6750) or the token
 */
public record TokenSource(String header, boolean bearerScheme) {

    /** What reading the token from a request found. */
    public sealed interface Read {
        /**
         * A candidate token (not yet verified): {@code text} from {@code from} to {@code to}, the header's value
         * as it was read, so that a token found in the verified-token cache is never copied out of it.
         */
        record Token(String text, int from, int to) implements Read {
            public Token(String value) {
                this(value, 0, value.length());
            }

            /** The token itself. */
            public String value() {
                return from == 0 && to == text.length() ? text : text.substring(from, to);
            }

            public int length() {
                return to - from;
            }
        }

        /** No token, or a credential of another scheme; or a bearer header with nothing after the scheme. */
        record Absent(AuthFailure failure, String detail) implements Read { }
    }

    private static final TokenSource BEARER = new TokenSource("Authorization", true);

    public TokenSource {
        requireNonNull(header, "header");
        if (!header.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            throw new IllegalArgumentException("header: '" + header + "' (expected: an HTTP header name)");
        }
    }

    public static TokenSource bearer() {
        return BEARER;
    }

    public static TokenSource namedHeader(String name) {
        return new TokenSource(name, false);
    }

    /** Reads the token from a request, given a lookup that returns the first value of a header or null. */
    public Read read(Function<String, String> headerLookup) {
        String value = headerLookup.apply(header);
        int from = value == null ? 0 : skipSpace(value, 0);
        if (value == null || from == value.length()) {
            return new Read.Absent(AuthFailure.TOKEN_MISSING, "no " + header + " header");
        }
        int to = value.length(); // the value without surrounding white space, as String.strip would have it
        while (Character.isWhitespace(value.charAt(to - 1))) {
            to--;
        }
        if (!bearerScheme) {
            return new Read.Token(value, from, to);
        }
        int length = to - from;
        if (length < 6 || !value.regionMatches(true, from, "Bearer", 0, 6)) {
            return new Read.Absent(AuthFailure.TOKEN_MISSING, header + " carries another scheme than Bearer");
        }
        if (length == 6) {
            return new Read.Absent(AuthFailure.TOKEN_MALFORMED, header + ": Bearer without a token");
        }
        if (value.charAt(from + 6) != ' ') {
            return new Read.Absent(AuthFailure.TOKEN_MISSING, header + " carries another scheme than Bearer");
        }
        int start = skipSpace(value, from + 7);
        return start == to
                ? new Read.Absent(AuthFailure.TOKEN_MALFORMED, header + ": Bearer without a token")
                : new Read.Token(value, start, to);
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
