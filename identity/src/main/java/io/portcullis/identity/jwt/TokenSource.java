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
        /** A candidate token (not yet verified). */
        record Token(String value) implements Read { }

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
        if (value == null || value.isBlank()) {
            return new Read.Absent(AuthFailure.TOKEN_MISSING, "no " + header + " header");
        }
        String v = value.strip();
        if (!bearerScheme) {
            return new Read.Token(v);
        }
        if (v.length() < 6 || !v.regionMatches(true, 0, "Bearer", 0, 6)) {
            return new Read.Absent(AuthFailure.TOKEN_MISSING, header + " carries another scheme than Bearer");
        }
        if (v.length() == 6) {
            return new Read.Absent(AuthFailure.TOKEN_MALFORMED, header + ": Bearer without a token");
        }
        if (v.charAt(6) != ' ') {
            return new Read.Absent(AuthFailure.TOKEN_MISSING, header + " carries another scheme than Bearer");
        }
        String token = v.substring(7).strip();
        return token.isEmpty()
                ? new Read.Absent(AuthFailure.TOKEN_MALFORMED, header + ": Bearer without a token")
                : new Read.Token(token);
    }
}
