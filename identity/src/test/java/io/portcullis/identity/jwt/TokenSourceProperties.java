package io.portcullis.identity.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Reading a token by its place in the header value (no copy unless the cache misses) finds exactly what the
 * plain reading finds: strip the value, check the scheme, strip what follows it. The plain reading is written
 * out here as the specification.
 */
class TokenSourceProperties {

    @Property(tries = 3000)
    void readsWhatStrippingAndCuttingReads(@ForAll("values") String value, @ForAll boolean bearer) {
        TokenSource source = new TokenSource("Authorization", bearer);
        Function<String, String> lookup = name -> value;
        TokenSource.Read read = source.read(lookup);
        TokenSource.Read expected = plain(value, bearer);
        if (expected instanceof TokenSource.Read.Token t) {
            assertThat(read).isInstanceOf(TokenSource.Read.Token.class);
            assertThat(((TokenSource.Read.Token) read).value()).isEqualTo(t.value());
        } else {
            assertThat(read).isEqualTo(expected);
        }
    }

    @Property(tries = 1000)
    void digestOfARangeIsTheDigestOfTheCut(@ForAll("values") String value, @ForAll("cuts") int[] cut) {
        int from = Math.min(cut[0], value.length());
        int to = Math.max(from, Math.min(cut[1], value.length()));
        assertThat(TokenDigest.of(value, from, to)).isEqualTo(TokenDigest.of(value.substring(from, to)));
    }

    private static TokenSource.Read plain(String value, boolean bearerScheme) {
        if (value == null || value.isBlank()) {
            return new TokenSource.Read.Absent(AuthFailure.TOKEN_MISSING, "no Authorization header");
        }
        String v = value.strip();
        if (!bearerScheme) {
            return new TokenSource.Read.Token(v);
        }
        if (v.length() < 6 || !v.regionMatches(true, 0, "Bearer", 0, 6)) {
            return new TokenSource.Read.Absent(AuthFailure.TOKEN_MISSING, "Authorization carries another scheme than Bearer");
        }
        if (v.length() == 6) {
            return new TokenSource.Read.Absent(AuthFailure.TOKEN_MALFORMED, "Authorization: Bearer without a token");
        }
        if (v.charAt(6) != ' ') {
            return new TokenSource.Read.Absent(AuthFailure.TOKEN_MISSING, "Authorization carries another scheme than Bearer");
        }
        String token = v.substring(7).strip();
        return token.isEmpty()
                ? new TokenSource.Read.Absent(AuthFailure.TOKEN_MALFORMED, "Authorization: Bearer without a token")
                : new TokenSource.Read.Token(token);
    }

    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> space = Arbitraries.of("", " ", "  ", "\t", " \t ", "\u2003", "\n");
        Arbitrary<String> scheme = Arbitraries.of("", "Bearer", "bearer", "BEARER", "Bearer ", "Bearer  ", "Bearer\t",
                "Basic ", "Bear", "Bearerx ");
        Arbitrary<String> token = Arbitraries.strings().withChars("abcXYZ019-_.é ").ofMaxLength(12);
        return Combinators.combine(space, scheme, token, space).as((a, b, c, d) -> a + b + c + d);
    }

    @Provide
    Arbitrary<int[]> cuts() {
        return Arbitraries.integers().between(0, 40).array(int[].class).ofSize(2);
    }
}
