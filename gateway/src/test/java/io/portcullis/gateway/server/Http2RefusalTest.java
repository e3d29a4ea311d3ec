package io.portcullis.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.guard.GuardReasons;
import io.portcullis.gateway.http.Http2FrameGuard;
import io.portcullis.gateway.http.HttpReasons;
import io.portcullis.gateway.limit.SourcePenalties;
import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.gateway.testing.FakeTicker;
import io.portcullis.gateway.testing.Gateways;
import io.portcullis.gateway.testing.H2Client;
import io.portcullis.gateway.testing.H2Frames;
import io.portcullis.gateway.testing.RawClient;
import io.portcullis.gateway.testing.TestGuards;
import io.portcullis.gateway.testing.TestUpstream;
import io.portcullis.settings.RouteSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an HTTP/2 connection decodes once it is refused: nothing. A source's refusal budget is 5 here (and the
 * ticker a fake one, so neither budgets nor penalties run out during a test); each test sends from a source of
 * its own. Frames are written by hand in one write, so that one read holds them all.
 */
class Http2RefusalTest {

    static final int BUDGET = 5;
    static final FakeTicker ticker = new FakeTicker();
    static TestUpstream upstream;
    static GatewayServer gateway;

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream();
        gateway = GatewayServer.builder(new GatewaySettings(List.of(Gateways.api(upstream.uri())
                        .routes(List.of(route("/orders/*"), route("/slow"))).build())), new TestGuards())
                .ticker(ticker).sourcePenalties(new SourcePenalties(BUDGET, 1)).workerThreads(1).build().start();
    }

    private static RouteSettings route(String path) {
        return new RouteSettings(path, Set.of("GET"), Optional.empty(), OptionalLong.empty(), List.of());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    /** HEADERS frames (END_STREAM, END_HEADERS) for GETs of {@code paths}, on streams 1, 3, 5 and on. */
    private static byte[][] gets(List<String> paths) throws Exception {
        byte[][] frames = new byte[paths.size()][];
        for (int k = 0; k < frames.length; k++) {
            frames[k] = H2Frames.frame(H2Frames.HEADERS, H2Frames.END_STREAM | H2Frames.END_HEADERS, 2 * k + 1,
                    H2Frames.request("GET", paths.get(k)));
        }
        return frames;
    }

    private static byte[] sendInOneWrite(String from, byte[][] frames) throws Exception {
        try (RawClient c = new RawClient(from, gateway.port("orders"))) {
            return c.send(H2Frames.preface(frames)).readUntilClose().getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void aPenaltyEarnedByOneStreamStopsTheReadAtThatStream() throws Exception {
        List<String> paths = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            paths.add("/nowhere/" + k); // no route: 404, a refusal charged to the source
        }
        for (int k = 0; k < 10; k++) {
            paths.add("/orders/" + k); // would be forwarded
        }
        int upstreamBefore = upstream.requests.get();
        long spentBefore = gateway.rejections().count(HttpReasons.TOO_MANY_REFUSALS);

        byte[] received = sendInOneWrite("127.0.0.2", gets(paths));

        // BUDGET refusals, then the one that found the budget spent (answered, and the source penalized): the
        // streams after it were never decoded, so they got no answer and nothing reached the upstream.
        Map<Integer, String> statuses = H2Frames.statuses(received);
        assertThat(statuses.keySet()).containsExactly(1, 3, 5, 7, 9, 11);
        assertThat(statuses.values()).containsOnly("404");
        assertThat(H2Frames.goAwayError(received)).isEqualTo(H2Frames.ENHANCE_YOUR_CALM);
        assertThat(upstream.requests.get()).isEqualTo(upstreamBefore);
        assertThat(gateway.rejections().count(HttpReasons.TOO_MANY_REFUSALS)).isEqualTo(spentBefore + 1);
    }

    @Test
    void anOpenConnectionOfAPenalizedSourceDecodesNothingMore() throws Exception {
        try (H2Client open = new H2Client("127.0.0.3", gateway.port("orders"))) {
            assertThat(open.exchange("GET", "/orders/1", null).get(5, TimeUnit.SECONDS)).startsWith("200\n");
            try (RawClient other = new RawClient("127.0.0.3", gateway.port("orders"))) {
                for (int k = 0; k <= BUDGET; k++) { // the source's other connection spends its budget
                    assertThat(other.send("GET /nowhere HTTP/1.1\r\nHost: a\r\n\r\n").readResponse())
                            .startsWith("HTTP/1.1 404");
                }
            }
            int upstreamBefore = upstream.requests.get();
            long penalizedBefore = gateway.rejections().count(GuardReasons.SOURCE_PENALIZED);

            String answer = open.exchange("GET", "/orders/2", null).get(5, TimeUnit.SECONDS);

            assertThat(answer).as("no answer: the request was not decoded").isEqualTo("<stream closed>");
            assertThat(open.goAway().get(5, TimeUnit.SECONDS)).isEqualTo(H2Frames.ENHANCE_YOUR_CALM);
            assertThat(upstream.requests.get()).isEqualTo(upstreamBefore);
            assertThat(gateway.rejections().count(GuardReasons.SOURCE_PENALIZED)).isEqualTo(penalizedBefore + 1);
        }
    }

    @Test
    void aConnectionThatKeepsOpeningStreamsBeyondTheLimitIsClosed() throws Exception {
        // Never acknowledging the server's SETTINGS: the limit plus its allowance of refused streams, plus one.
        int streams = ApiChannelInitializer.MAX_CONCURRENT_STREAMS + Http2FrameGuard.REFUSED_STREAM_BURST + 1;
        long floodsBefore = gateway.rejections().count(HttpReasons.HTTP2_FLOOD);
        int upstreamBefore = upstream.requests.get();

        String received = new String(sendInOneWrite("127.0.0.5", gets(Collections.nCopies(streams,
                "/slow?ms=200"))), StandardCharsets.ISO_8859_1);

        assertThat(received).as("closed by the gateway").doesNotEndWith("<timeout>");
        assertThat(gateway.rejections().count(HttpReasons.HTTP2_FLOOD)).isEqualTo(floodsBefore + 1);
        Thread.sleep(500); // the admitted slow requests that reached the upstream have ended by now
        assertThat(upstream.requests.get() - upstreamBefore)
                .isLessThanOrEqualTo(ApiChannelInitializer.MAX_CONCURRENT_STREAMS);
    }
}
