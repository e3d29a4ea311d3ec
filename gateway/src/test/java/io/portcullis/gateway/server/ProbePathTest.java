package io.portcullis.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.http.HttpReasons;
import io.portcullis.gateway.observe.RequestEvent;
import io.portcullis.gateway.probe.ProbeMarks;
import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.gateway.testing.FakeTicker;
import io.portcullis.gateway.testing.Gateways;
import io.portcullis.gateway.testing.RawClient;
import io.portcullis.gateway.testing.RecordingListener;
import io.portcullis.gateway.testing.TestGuards;
import io.portcullis.gateway.testing.TestUpstream;
import io.portcullis.settings.RouteSettings;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The reserved probe path: a probe whose mark verifies for its API and source is decided by the layers and answered
 * 204 by the gateway, never upstream, and its event says it was a probe; without a valid mark (a forged token, or
 * one issued for another source) the path is a 404 like any unknown route; other paths are untouched.
 */
class ProbePathTest {

    private static final ProbeMarks MARKS = (api, source, token) -> api.equals("orders")
            && source.getHostAddress().equals("127.0.0.2") && token.equals("good");
    private final RecordingListener events = new RecordingListener();

    @Test
    void answersAVerifiedProbeItselfAndRefusesEveryOtherUseOfThePath() throws Exception {
        try (TestUpstream upstream = new TestUpstream()) {
            GatewayServer gateway = GatewayServer.builder(new GatewaySettings(List.of(Gateways.api(upstream.uri())
                            .routes(List.of(new RouteSettings("/**", Set.of("GET"), Optional.empty(), OptionalLong.empty(),
                                    List.of()))).build())), new TestGuards())
                    .ticker(new FakeTicker()).workerThreads(1).listener(events).probes(MARKS).build().start();
            try {
                int port = gateway.port("orders");
                assertThat(get("127.0.0.2", port, ProbeMarks.PATH, "good")).startsWith("HTTP/1.1 204");
                RequestEvent probe = events.request(e -> e.path().equals(ProbeMarks.PATH));
                assertThat(probe.probe()).isTrue();
                assertThat(probe.decision().reason()).isEqualTo(HttpReasons.PROBE_ANSWERED);
                assertThat(probe.admission().decidedBy()).isNotEmpty();

                // a catch-all route would forward the path: without a valid mark it is refused instead
                assertThat(get("127.0.0.2", port, ProbeMarks.PATH, "forged")).startsWith("HTTP/1.1 404");
                assertThat(get("127.0.0.3", port, ProbeMarks.PATH, "good")).as("another source").startsWith("HTTP/1.1 404");
                assertThat(get("127.0.0.2", port, ProbeMarks.PATH + "/deeper", "good")).startsWith("HTTP/1.1 404");
                assertThat(get("127.0.0.2", port, ProbeMarks.PATH, null)).startsWith("HTTP/1.1 404");
                assertThat(events.everyRequest()).filteredOn(e -> e.status() == 404).hasSize(4)
                        .allSatisfy(e -> {
                            assertThat(e.probe()).isFalse();
                            assertThat(e.decision().reason()).isEqualTo(HttpReasons.PROBE_UNVERIFIED);
                        });
                assertThat(upstream.requests.get()).isZero();

                assertThat(get("127.0.0.2", port, "/orders/1", "good")).startsWith("HTTP/1.1 200");
                assertThat(upstream.requests.get()).isEqualTo(1);
            } finally {
                gateway.close();
            }
        }
    }

    private static String get(String from, int port, String path, String token) throws IOException {
        try (RawClient c = new RawClient(from, port)) {
            return c.send("GET " + path + " HTTP/1.1\r\nHost: a\r\n" + (token == null ? "" : ProbeMarks.HEADER + ": " + token
                    + "\r\n") + "Connection: close\r\n\r\n").readUntilClose();
        }
    }
}
