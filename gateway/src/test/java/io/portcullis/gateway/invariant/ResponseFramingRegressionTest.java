package io.portcullis.gateway.invariant;

import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client must get each response framed so that it ends where the gateway meant it to end: an upstream
 * response whose {@code Connection} names its own {@code Content-Length}, and the gateway's own fixed responses
 * to {@code HEAD} on a connection that stays open, must not leave the client reading the wrong bytes as the next
 * response.
 */
class ResponseFramingRegressionTest {

    static InvariantGateway fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = InvariantGateway.start();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void upstreamConnectionHeaderCannotStripTheResponseContentLength() throws Exception {
        try (InvariantGateway own = InvariantGateway.start(request -> "HTTP/1.1 200 OK\r\nConnection: Content-Length\r\n"
                + "Content-Length: 5\r\n" + RecordingUpstream.SEEN + ": " + RecordingUpstream.seen(request)
                + "\r\n\r\nhello")) {
            own.begin();
            Http1Client.Response first;
            Http1Client.Response second;
            int port;
            try (Http1Client client = own.http1()) {
                port = client.localPort();
                first = client.send("GET /public/first HTTP/1.1\r\nHost: api.internal\r\n\r\n").read(false);
                // after a response delimited by the end of the connection there is no connection to ask again on
                second = first == null || !first.problems().isEmpty() ? null
                        : client.send("GET /public/second HTTP/1.1\r\nHost: api.internal\r\n\r\n").read(false);
            }
            Invariant.Snapshot s = own.settle(List.of(port));
            SoftAssertions.assertSoftly(softly -> {
                InvariantGateway.assertInvariant(softly, s);
                for (Http1Client.Response r : new Http1Client.Response[] {first, second}) {
                    softly.assertThat(r).as("a response (none: the first was not framed)").isNotNull();
                    if (r != null) {
                        softly.assertThat(r.problems()).as("framing problems of %s", r.headers().stream()
                                .map(h -> h[0] + ": " + h[1]).toList()).isEmpty();
                        softly.assertThat(r.values("content-length")).as("Content-Length").isIn(List.of("5"), List.of());
                        softly.assertThat(r.body()).isEqualTo("hello");
                    }
                }
                if (second != null) {
                    softly.assertThat(second.value(RecordingUpstream.SEEN)).as("the second response answers")
                            .isEqualTo(second.value("x-request-id") + " GET /public/second");
                }
            });
        }
    }

    @Test
    void fixedResponseToHeadCarriesNoBody() throws Exception {
        fixture.begin();
        Http1Client.Response limited = null;
        Http1Client.Response after = null;
        int port;
        try (Http1Client client = fixture.http1()) {
            port = client.localPort();
            // the route allows 5 a second: one of these gets the gateway's own 429, on a connection that stays open
            for (int i = 0; i < 10 && (limited == null || limited.status() != 429); i++) {
                limited = client.send("HEAD /limited/x HTTP/1.1\r\nHost: api.internal\r\n\r\n").read(true);
            }
            if (limited != null && limited.status() == 429) {
                after = client.send("GET /public/after HTTP/1.1\r\nHost: api.internal\r\n\r\n").read(false);
            }
        }
        Invariant.Snapshot s = fixture.settle(List.of(port));
        Http1Client.Response refused = limited;
        Http1Client.Response next = after;
        SoftAssertions.assertSoftly(softly -> {
            InvariantGateway.assertInvariant(softly, s);
            softly.assertThat(refused).as("a response to HEAD").isNotNull();
            softly.assertThat(refused == null ? -1 : refused.status()).as("the rate limit's answer").isEqualTo(429);
            softly.assertThat(next).as("the response after it").isNotNull();
            if (next != null) {
                softly.assertThat(next.problems()).as("how the next response reads").isEmpty();
                softly.assertThat(next.status()).as("the status of the next response").isEqualTo(200);
                softly.assertThat(next.value(RecordingUpstream.SEEN)).as("what the upstream ran for it")
                        .isEqualTo(next.value("x-request-id") + " GET /public/after");
            }
        });
    }
}
