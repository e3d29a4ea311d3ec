package io.portcullis.gateway.invariant;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The jqwik generators of the invariant's properties: request targets mixing plain, percent-encoded, dotted,
 * doubled and refused spellings around the fixture's routes; credentials; bodies that hold requests; extra
 * header lines a client may try (spoofed forwarding headers and request ids, hop-by-hop headers,
 * {@code Expect}); and whole HTTP/1.x and HTTP/2 requests, mostly well-formed, some carrying an attack.
 */
final class Generators {

    private Generators() {}

    /** The first segment: a route's name, or a spelling of one, or something else. */
    static Arbitrary<String> firstSegment() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("public", "admin", "limited")),
                Tuple.of(4, Arbitraries.of("%61dmin", "adm%69n", "ADMIN", "%2561dmin", "%70ublic", "%6Cimited",
                        "files", "", ".", "..", "%2e%2e", "%2E", ".%2e", "admin%2fx", "admin%5Cx", "admin%00x",
                        "admin\\x", "%7eu")));
    }

    static Arbitrary<String> segment() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("x", "a", "b1", "~u", "a-b_c.d", "admin", "public")),
                Tuple.of(3, Arbitraries.of("", ".", "..", "%2e", "%2e%2e", "%2E.", "a%2eb", "%41", "%7e", "%7E", "%2d",
                        "%20", "%3a", "%c3%a9", "%25", "%2561dmin", "%ZZ", "%4", "%")),
                Tuple.of(1, Arbitraries.of("%2f", "%2F", "%5c", "%5C", "%00", "a\\b", "a b", "caf\u00e9")));
    }

    static Arbitrary<String> query() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just("")),
                Tuple.of(3, Arbitraries.of("?a=1", "?next=/admin/x", "?q=%2F..%2f%00", "?", "?a=%zz&b=%2e%2e",
                        "?/../admin")));
    }

    /** An origin-form target: a path of one to four segments, maybe a trailing slash, maybe a query. */
    static Arbitrary<String> origin() {
        return Combinators.combine(firstSegment(), segment().list().ofMaxSize(3), Arbitraries.of(false, false, true),
                query()).as((first, rest, slash, query) -> {
                    StringBuilder path = new StringBuilder("/").append(first);
                    rest.forEach(s -> path.append('/').append(s));
                    return path.append(slash ? "/" : "").append(query).toString();
                });
    }

    static Arbitrary<Expectation.Token> token() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(Expectation.Token.WEB)),
                Tuple.of(2, Arbitraries.just(Expectation.Token.ADMIN)),
                Tuple.of(2, Arbitraries.just(Expectation.Token.NONE)),
                Tuple.of(1, Arbitraries.of(Expectation.Token.TWO, Expectation.Token.MALFORMED)));
    }

    static Arbitrary<String> method() {
        return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.of("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS")),
                Tuple.of(1, Arbitraries.just("TRACE")));
    }

    static Arbitrary<String> body() {
        return Arbitraries.of("", "hello", Http1Case.SMUGGLED, Http1Case.SMUGGLED_PREFIX + "y", "0\r\n\r\n",
                "\u0000\u00ff\r\n\r\nX");
    }

    /** Header lines a client may add; none changes what the contracts expect. */
    static Arbitrary<List<String>> extras() {
        return Arbitraries.of("X-Request-Id: chosen-by-client", "X-Forwarded-For: 10.9.9.9", "Forwarded: for=10.9.9.9",
                "X-Real-IP: 10.9.9.9", "Keep-Alive: timeout=5", "Connection: keep-alive", "Connection: X-Secret",
                "X-Secret: 1", "TE: trailers", "Proxy-Connection: keep-alive", "Upgrade: h2c",
                "Connection: Upgrade, HTTP2-Settings", "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA",
                "Expect: 100-continue", "X-Custom: a value", "Cookie: a=1", "Connection: close")
                .list().ofMaxSize(3);
    }

    static Arbitrary<Http1Case.Attack> http1Attack() {
        return Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(Http1Case.Attack.NONE)),
                Tuple.of(6, Arbitraries.of(Http1Case.Attack.class)));
    }

    static Arbitrary<Http1Case> http1Case() {
        Arbitrary<Tuple.Tuple4<Boolean, Boolean, String, String>> line = Combinators.combine(
                Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true))),
                Arbitraries.of(true, false), method(), origin()).as(Tuple::of);
        return Combinators.combine(line, Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just(false)),
                        Tuple.of(1, Arbitraries.just(true))), token(), Arbitraries.of(Http1Case.Framing.class), body(),
                extras(), http1Attack())
                .as((l, absolute, token, framing, body, extras, attack) -> new Http1Case(l.get1(), l.get2(), l.get3(),
                        l.get4(), absolute, token, framing, body, extras, attack));
    }

    static Arbitrary<H2Case> h2Case() {
        Arbitrary<String> path = Arbitraries.frequencyOf(Tuple.of(12, origin()),
                Tuple.of(1, Arbitraries.of("/public/a b", "/public/caf\u00e9", "/public/x\ty", "public/x", "*")));
        Arbitrary<String> body = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just((String) null)),
                Tuple.of(1, body()));
        Arbitrary<List<String>> extras = Arbitraries.of("x-request-id: chosen-by-client", "x-forwarded-for: 10.9.9.9",
                "forwarded: for=10.9.9.9", "x-real-ip: 10.9.9.9", "cookie: a=1", "cookie: b=2", "x-custom: a value")
                .list().ofMaxSize(3);
        Arbitrary<H2Case.Attack> attack = Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.just(H2Case.Attack.NONE)),
                Tuple.of(2, Arbitraries.of(H2Case.Attack.class)));
        return Combinators.combine(Arbitraries.of("GET", "POST", "HEAD", "DELETE", "TRACE"), path, token(), body,
                extras, attack).as(H2Case::new);
    }
}
