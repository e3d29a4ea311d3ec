package io.portcullis.gateway.invariant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The standing invariant, "what the gateway authorized is exactly what the upstream runs" ({@link Invariant}),
 * over generated sequences of requests on one client connection ({@link Generators}): HTTP/1.1 and HTTP/1.0, one
 * at a time on a keep-alive connection or pipelined in one write, and HTTP/2 streams one after another or all at
 * once; mostly well-formed, some with smuggling, framing, path-spelling and credential attacks. Separate
 * properties hold each answer to what the contracts expect of its request ({@link Expectation}), so that a
 * shrunk counterexample says which of the two broke.
 */
class ForwardingInvariantProperties {

    private static InvariantGateway fixture;

    @BeforeContainer
    static void start() throws Exception {
        fixture = InvariantGateway.start();
    }

    @AfterContainer
    static void stop() throws Exception {
        fixture.close();
    }

    @Provide
    Arbitrary<Http1Case> http1Case() {
        return Generators.http1Case();
    }

    @Provide
    Arbitrary<H2Case> h2Case() {
        return Generators.h2Case();
    }

    @Property(tries = 50)
    void anHttp1ConnectionRunsUpstreamExactlyWhatTheGatewayAuthorized(
            @ForAll @Size(min = 1, max = 6) List<@From("http1Case") Http1Case> requests, @ForAll boolean pipelined)
            throws Exception {
        Scenarios.Outcome outcome = Scenarios.http1(fixture, requests, pipelined);
        assertThat(outcome.invariant()).as("%s", outcome.report(outcome.invariant())).isEmpty();
    }

    @Property(tries = 40)
    void anHttp2ConnectionRunsUpstreamExactlyWhatTheGatewayAuthorized(
            @ForAll @Size(min = 1, max = 6) List<@From("h2Case") H2Case> requests, @ForAll boolean concurrent)
            throws Exception {
        Scenarios.Outcome outcome = Scenarios.http2(fixture, requests, concurrent);
        assertThat(outcome.invariant()).as("%s", outcome.report(outcome.invariant())).isEmpty();
    }

    @Property(tries = 40)
    void anHttp1ConnectionAnswersEachRequestAsTheContractsSay(
            @ForAll @Size(min = 1, max = 6) List<@From("http1Case") Http1Case> requests, @ForAll boolean pipelined)
            throws Exception {
        Scenarios.Outcome outcome = Scenarios.http1(fixture, requests, pipelined);
        assertThat(outcome.answers()).as("%s", outcome.report(outcome.answers())).isEmpty();
    }

    @Property(tries = 30)
    void anHttp2ConnectionAnswersEachRequestAsTheContractsSay(
            @ForAll @Size(min = 1, max = 6) List<@From("h2Case") H2Case> requests, @ForAll boolean concurrent)
            throws Exception {
        Scenarios.Outcome outcome = Scenarios.http2(fixture, requests, concurrent);
        assertThat(outcome.answers()).as("%s", outcome.report(outcome.answers())).isEmpty();
    }
}
