package io.portcullis.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.guard.GuardReasons;
import io.portcullis.gateway.http.Http1RequestDecoder;
import io.portcullis.gateway.http.HttpReasons;
import io.portcullis.gateway.limit.SourcePenalties;
import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.settings.RouteSettings;
import io.portcullis.gateway.testing.FakeTicker;
import io.portcullis.gateway.testing.Gateways;
import io.portcullis.gateway.testing.RawClient;
import io.portcullis.gateway.testing.TestGuards;
import io.portcullis.gateway.testing.TestUpstream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A source that keeps making the gateway refuse sits out a penalty: its connection is closed, its new connections
 * are refused at accept until the penalty is served, and other sources are unaffected. The gateway's ticker is a
 * fake one, so a penalty runs out when the test says (and budgets refill only then).
 */
class SourcePenaltyTest {

    static final FakeTicker ticker = new FakeTicker();
    static TestUpstream upstream;
    static GatewayServer gateway;

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream();
        gateway = GatewayServer.builder(new GatewaySettings(List.of(Gateways.api(upstream.uri())
                        .routes(List.of(new RouteSettings("/orders/*", Set.of("GET"), Optional.empty(),
                                OptionalLong.empty(), List.of()), new RouteSettings("/echo", Set.of(), Optional.empty(),
                                OptionalLong.empty(), List.of()))).build())),
                new TestGuards()).ticker(ticker).workerThreads(1).build().start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @Test
    void aSourceThatKeepsSendingWhatIsRefusedSitsOutAPenalty() throws Exception {
        int refused = 0;
        String last = "";
        RawClient other = new RawClient("127.0.0.2", gateway.port("orders")); // the source's other connection
        assertThat(other.send("GET /orders/1 HTTP/1.1\r\nHost: a\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200");
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("orders"))) {
            for (int i = 0; i < 3 * SourcePenalties.BURST; i++) {
                last = c.send("GET /nowhere HTTP/1.1\r\nHost: a\r\n\r\n").readResponse(); // 404: no route
                if (!last.startsWith("HTTP/1.1 404")) {
                    break;
                }
                refused++;
                if (last.toLowerCase(Locale.ROOT).contains("connection: close")) {
                    break;
                }
            }
        }
        assertThat(refused).as("refusals answered before the connection went")
                .isBetween(SourcePenalties.BURST, SourcePenalties.BURST + 20);
        assertThat(last.toLowerCase(Locale.ROOT)).contains("connection: close");
        assertThat(gateway.rejections().count(HttpReasons.TOO_MANY_REFUSALS)).isEqualTo(1);

        try (other) {
            // Refused with 403 at its next request, or already closed by the periodic re-admission (every 5 s
            // on the real clock) if it ran in between.
            assertThat(other.send("GET /orders/1 HTTP/1.1\r\nHost: a\r\n\r\n").readUntilClose())
                    .as("the source's open connections serve nothing more")
                    .satisfiesAnyOf(r -> assertThat(r).startsWith("HTTP/1.1 403"), r -> assertThat(r).isEmpty());
        }
        long before = gateway.rejections().count(GuardReasons.SOURCE_PENALIZED);
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("orders"))) {
            assertThat(c.readUntilClose()).as("refused at accept, before any byte is read").isEmpty();
        }
        assertThat(gateway.rejections().count(GuardReasons.SOURCE_PENALIZED)).isEqualTo(before + 1);
        try (RawClient c = new RawClient("127.0.0.3", gateway.port("orders"))) {
            assertThat(c.send("GET /orders/1 HTTP/1.1\r\nHost: a\r\n\r\n").readResponse())
                    .as("another source is unaffected").startsWith("HTTP/1.1 200");
        }
        ticker.advance(Duration.ofMillis(SourcePenalties.FIRST_PENALTY_MILLIS - 1));
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("orders"))) {
            assertThat(c.readUntilClose()).as("a moment before the penalty is served").isEmpty();
        }
        ticker.advance(Duration.ofMillis(1));
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("orders"))) {
            assertThat(c.send("GET /orders/1 HTTP/1.1\r\nHost: a\r\n\r\n").readResponse())
                    .as("served its penalty").startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aBodyInAFloodOfTinyChunksIsRefusedAndItsSourcePenalized() throws Exception {
        StringBuilder flood = new StringBuilder("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < Http1RequestDecoder.SMALL_CHUNKS_BURST + 5_000; i++) {
            flood.append("1\r\nx\r\n");
        }
        try (RawClient c = new RawClient("127.0.0.5", gateway.port("orders"))) {
            assertThat(c.send(flood.toString()).readUntilClose()).startsWith("HTTP/1.1 400");
        }
        assertThat(gateway.rejections().count(HttpReasons.CHUNK_FLOOD)).isEqualTo(1);
        try (RawClient c = new RawClient("127.0.0.5", gateway.port("orders"))) {
            assertThat(c.readUntilClose()).as("the flooding source sits out a penalty").isEmpty();
        }
        try (RawClient c = new RawClient("127.0.0.7", gateway.port("orders"))) {
            assertThat(c.send("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "1\r\nx\r\n".repeat(100) + "0\r\n\r\n").readResponse())
                    .as("a body in a hundred small chunks is fine").startsWith("HTTP/1.1 200").contains("body=100");
        }
    }
}
