package io.portcullis.gateway.invariant;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spellings of a path, as an HTTP/1.1 request target and as an HTTP/2 {@code :path}, from a caller who is not
 * {@code admin}: a spelling that names {@code /admin/...} once normalized is refused with 403 by the authorizer,
 * which is shown the normalized path; a spelling that does not reaches the upstream as the normalized path; a
 * spelling the contract refuses gets 400 (see {@link PathOracle}). The invariant holds in every case.
 */
class PathNormalizationTest {

    static InvariantGateway fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = InvariantGateway.start();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    /** Target, status, and the path the authorizer is shown and (on 200) the upstream gets; "" when refused first. */
    static Stream<Arguments> spellings() {
        return Stream.of(
                Arguments.of("/%61dmin/x", 403, "/admin/x"),
                Arguments.of("/adm%69n/x", 403, "/admin/x"),
                Arguments.of("/ADMIN/x", 200, "/ADMIN/x"),
                Arguments.of("/public/../admin/x", 403, "/admin/x"),
                Arguments.of("/public/%2e%2e/admin/x", 403, "/admin/x"),
                Arguments.of("//admin/x", 403, "/admin/x"),
                Arguments.of("/admin//x", 403, "/admin/x"),
                Arguments.of("/admin/./x", 403, "/admin/x"),
                Arguments.of("/%2561dmin/x", 200, "/%2561dmin/x"),
                Arguments.of("/admin%2fx", 400, ""),
                Arguments.of("/admin%5cx", 400, ""),
                Arguments.of("/admin%00x", 400, ""),
                Arguments.of("/admin\\x", 400, ""),
                Arguments.of("/..", 400, ""),
                Arguments.of("/a/../../admin", 400, ""));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("spellings")
    void http1TargetIsAuthorizedAndForwardedAsTheNormalizedPath(String target, int status, String normalized)
            throws Exception {
        fixture.begin();
        Http1Client.Response response;
        int port;
        try (Http1Client client = fixture.http1()) {
            port = client.localPort();
            response = client.send("GET " + target + " HTTP/1.1\r\nHost: api.internal\r\nAuthorization: Bearer web\r\n"
                    + "\r\n").read(false);
        }
        Invariant.Snapshot s = fixture.settle(List.of(port));
        check(s, response == null ? -1 : response.status(), response == null ? null : response.value("x-request-id"),
                status, normalized);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("spellings")
    void http2PathIsAuthorizedAndForwardedAsTheNormalizedPath(String path, int status, String normalized)
            throws Exception {
        fixture.begin();
        H2Session.Response response;
        int port;
        try (H2Session session = fixture.http2()) {
            port = session.localPort();
            response = session.exchange("GET", path, null, List.of(Map.entry("authorization", "Bearer web")))
                    .get(5, TimeUnit.SECONDS);
        }
        Invariant.Snapshot s = fixture.settle(List.of(port));
        check(s, response.status(), response.value("x-request-id"), status, normalized);
    }

    private static void check(Invariant.Snapshot s, int got, String requestId, int status, String normalized)
            throws InterruptedException {
        SoftAssertions.assertSoftly(softly -> {
            InvariantGateway.assertInvariant(softly, s);
            softly.assertThat(got).as("status").isEqualTo(status);
            if (!normalized.isEmpty() && requestId != null) {
                softly.assertThat(fixture.authorizer.paths.get(requestId)).as("the path the authorizer was shown")
                        .isEqualTo(normalized);
                softly.assertThat(InvariantGateway.event(s, requestId)).as("the event")
                        .extracting(e -> e == null ? null : e.path()).isEqualTo(normalized);
            }
            softly.assertThat(s.upstream()).as("what the upstream ran")
                    .map(UpstreamRequest::target).isEqualTo(status == 200 ? List.of(normalized) : List.of());
        });
        fixture.end(false);
    }
}
