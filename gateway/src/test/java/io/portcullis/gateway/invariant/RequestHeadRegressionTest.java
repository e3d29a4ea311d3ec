package io.portcullis.gateway.invariant;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Request heads whose meaning a proxy and its upstream could take differently, or that carry what the upstream
 * must not get: a second credential, a zero-padded length, TRACE, {@code Expect} in HTTP/1.0, the verified
 * credential itself. Each keeps the invariant and gets its expected answer.
 */
class RequestHeadRegressionTest {

    static InvariantGateway fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = InvariantGateway.start();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    /** Sends the bytes on a new connection and reads one response; returns it with what the scenario left. */
    private static Exchanged exchange(String request, boolean head) throws Exception {
        fixture.begin();
        Http1Client.Response response;
        int port;
        try (Http1Client client = fixture.http1()) {
            port = client.localPort();
            response = client.send(request).read(head);
        }
        return new Exchanged(response, fixture.settle(List.of(port)));
    }

    private record Exchanged(Http1Client.Response response, Invariant.Snapshot snapshot) {

        int status() {
            return response == null ? -1 : response.status();
        }
    }

    @Test
    void secondAuthorizationHeaderIsRefusedAndNeverForwarded() throws Exception {
        Exchanged x = exchange("GET /public/x HTTP/1.1\r\nHost: api.internal\r\nAuthorization: Bearer web\r\n"
                + "Authorization: Bearer admin\r\n\r\n", false);
        SoftAssertions.assertSoftly(softly -> {
            InvariantGateway.assertInvariant(softly, x.snapshot());
            softly.assertThat(x.status()).as("status").isEqualTo(400);
            softly.assertThat(x.snapshot().upstream()).as("what the upstream ran").isEmpty();
        });
    }

    @Test
    void zeroPaddedContentLengthReachesTheUpstreamAsPlainDigits() throws Exception {
        Exchanged x = exchange("POST /public/x HTTP/1.1\r\nHost: api.internal\r\nContent-Length: 0003\r\n\r\nabc",
                false);
        SoftAssertions.assertSoftly(softly -> {
            InvariantGateway.assertInvariant(softly, x.snapshot());
            softly.assertThat(x.status()).as("status").isEqualTo(200);
            softly.assertThat(x.snapshot().upstream()).as("what the upstream ran").hasSize(1);
            x.snapshot().upstream().forEach(u -> {
                softly.assertThat(u.values("content-length")).as("Content-Length at the upstream").containsExactly("3");
                softly.assertThat(u.bodyText()).isEqualTo("abc");
            });
        });
    }

    @Test
    void traceIsRefusedAndNeverForwarded() throws Exception {
        Exchanged x = exchange("TRACE /public/x HTTP/1.1\r\nHost: api.internal\r\nAuthorization: Bearer web\r\n\r\n",
                false);
        SoftAssertions.assertSoftly(softly -> {
            InvariantGateway.assertInvariant(softly, x.snapshot());
            softly.assertThat(x.status()).as("status").isEqualTo(405);
            softly.assertThat(x.snapshot().upstream()).as("what the upstream ran").isEmpty();
        });
    }

    @Test
    void http10ExpectContinueGetsNoInterimResponse() throws Exception {
        Exchanged x = exchange("POST /public/x HTTP/1.0\r\nHost: api.internal\r\nExpect: 100-continue\r\n"
                + "Content-Length: 5\r\n\r\nhello", false);
        SoftAssertions.assertSoftly(softly -> {
            InvariantGateway.assertInvariant(softly, x.snapshot());
            softly.assertThat(x.status()).as("status").isEqualTo(200);
            softly.assertThat(x.response() == null ? List.of() : x.response().interim())
                    .as("interim responses to an HTTP/1.0 client").isEmpty();
        });
    }

    @Test
    void verifiedCredentialIsNotForwardedByDefault() throws Exception {
        Exchanged x = exchange("GET /public/x HTTP/1.1\r\nHost: api.internal\r\nAuthorization: Bearer web\r\n\r\n",
                false);
        fixture.begin();
        H2Session.Response h2;
        int port;
        try (H2Session session = fixture.http2()) {
            port = session.localPort();
            h2 = session.exchange("GET", "/public/y", null, List.of(Map.entry("authorization", "Bearer web")))
                    .get(5, TimeUnit.SECONDS);
        }
        Invariant.Snapshot overHttp2 = fixture.settle(List.of(port));
        SoftAssertions.assertSoftly(softly -> {
            for (Invariant.Snapshot s : List.of(x.snapshot(), overHttp2)) {
                InvariantGateway.assertInvariant(softly, s);
                softly.assertThat(s.upstream()).as("what the upstream ran").hasSize(1);
                s.upstream().forEach(u -> softly.assertThat(u.values("authorization"))
                        .as("Authorization at the upstream: %s", u).isEmpty());
            }
            softly.assertThat(x.status()).as("HTTP/1.1 status").isEqualTo(200);
            softly.assertThat(h2.status()).as("HTTP/2 status").isEqualTo(200);
        });
    }
}
