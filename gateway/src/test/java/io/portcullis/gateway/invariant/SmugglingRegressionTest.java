package io.portcullis.gateway.invariant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A {@code Connection} header may name hop-by-hop headers, which a proxy removes; it must never thereby remove the
 * framing of the message it relays. An attacker's request naming {@code Content-Length}, {@code Transfer-Encoding}
 * or {@code Host} carries a body that starts a request of its own ({@code GET /x}); a victim's request on another
 * connection follows, which would complete it on a shared upstream connection. The smuggled request must never
 * run and the victim must get the response to its own request; the invariant must hold. And a malformed request
 * pipelined behind a well-formed one must not undo the well-formed one after the upstream got it.
 */
class SmugglingRegressionTest {

    /** 42 bytes: the start of a request whose last header swallows whatever comes next on the connection. */
    private static final String SMUGGLED = "GET /x HTTP/1.1\r\nX-Ignore: " + "x".repeat(15);
    private static final String VICTIM = "GET /public/victim HTTP/1.1\r\nHost: api.internal\r\nAuthorization: Bearer web"
            + "\r\n\r\n";

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
    void connectionHeaderCannotStripContentLength() throws Exception {
        assertThat(SMUGGLED).hasSize(42);
        attackThenVictim("POST /attacker HTTP/1.1\r\nHost: api.internal\r\nAuthorization: Bearer web\r\n"
                + "Content-Length: 42\r\nConnection: Content-Length\r\n\r\n" + SMUGGLED);
    }

    @Test
    void connectionHeaderCannotStripTransferEncoding() throws Exception {
        attackThenVictim("POST /attacker HTTP/1.1\r\nHost: api.internal\r\nAuthorization: Bearer web\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: Transfer-Encoding\r\n\r\n2a\r\n" + SMUGGLED + "\r\n0\r\n\r\n");
    }

    @Test
    void connectionHeaderCannotStripHost() throws Exception {
        Invariant.Snapshot s = attackThenVictim("POST /attacker HTTP/1.1\r\nHost: api.internal\r\n"
                + "Authorization: Bearer web\r\nContent-Length: 42\r\nConnection: Host\r\n\r\n" + SMUGGLED);
        s.upstream().forEach(u -> assertThat(u.values("host")).as("Host at the upstream: %s", u).hasSize(1));
    }

    @Test
    void malformedPipelinedRequestDoesNotCutTheRequestBeforeIt() throws Exception {
        fixture.beginFresh();
        List<Integer> ports = new ArrayList<>();
        Http1Client.Response first;
        Http1Client.Response second;
        try (Http1Client warm = fixture.http1(); Http1Client client = fixture.http1()) {
            ports.add(warm.localPort());
            ports.add(client.localPort());
            // leaves an idle upstream connection in the pool, so the first request below is written at once
            warm.send("GET /public/warm HTTP/1.1\r\nHost: api.internal\r\n\r\n").read(false);
            client.send("GET /public/first HTTP/1.1\r\nHost: api.internal\r\n\r\n"
                    + "GET /public/second HTTP/1.1\nHost: api.internal\n\n");
            first = client.read(false);
            second = client.read(false);
        }
        Invariant.Snapshot s = fixture.settle(ports);
        SoftAssertions.assertSoftly(softly -> {
            InvariantGateway.assertInvariant(softly, s);
            softly.assertThat(first).as("the first response").isNotNull();
            if (first != null) {
                softly.assertThat(first.status()).as("the well-formed request before the malformed one").isEqualTo(200);
                softly.assertThat(first.value(RecordingUpstream.SEEN)).as("what the upstream ran for it")
                        .isEqualTo(first.value("x-request-id") + " GET /public/first");
            }
            softly.assertThat(second).as("the second response").isNotNull();
            if (second != null) {
                softly.assertThat(second.status()).as("the malformed request").isEqualTo(400);
            }
        });
    }

    /** The attack, then the victim on another connection; asserts the invariant and that the victim was served. */
    private static Invariant.Snapshot attackThenVictim(String attack) throws Exception {
        fixture.beginFresh();
        Http1Client.Response attacked;
        Http1Client.Response victim;
        List<Integer> ports;
        try (Http1Client attacker = fixture.http1(); Http1Client other = fixture.http1()) {
            ports = List.of(attacker.localPort(), other.localPort());
            attacked = attacker.send(attack).read(false);
            victim = other.send(VICTIM).read(false);
        }
        Invariant.Snapshot s = fixture.settle(ports);
        SoftAssertions.assertSoftly(softly -> {
            InvariantGateway.assertInvariant(softly, s);
            softly.assertThat(s.upstream()).as("the smuggled GET /x never ran")
                    .noneMatch(u -> u.target().equals("/x"));
            softly.assertThat(attacked).as("the attacker's response").isNotNull();
            if (attacked != null) {
                softly.assertThat(attacked.status()).as("the attacker's status").isIn(200, 400);
            }
            s.upstream().stream().filter(u -> u.target().equals("/attacker")).forEach(u ->
                    softly.assertThat(u.bodyText()).as("the attacker's body, as the upstream got it: %s", u)
                            .isEqualTo(SMUGGLED));
            softly.assertThat(victim).as("the victim's response").isNotNull();
            if (victim != null) {
                softly.assertThat(victim.status()).as("the victim's status").isEqualTo(200);
                softly.assertThat(victim.value(RecordingUpstream.SEEN)).as("what the upstream ran for the victim")
                        .isEqualTo(victim.value("x-request-id") + " GET /public/victim");
            }
        });
        return s;
    }
}
