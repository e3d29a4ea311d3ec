package io.portcullis.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Reason;
import io.portcullis.gateway.limit.SourcePenalties;
import io.portcullis.gateway.metrics.GatewayMetrics;
import io.portcullis.gateway.observe.ConnectionEvent;
import io.portcullis.gateway.observe.RequestEvent;
import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.gateway.testing.FakeTicker;
import io.portcullis.gateway.testing.Gateways;
import io.portcullis.gateway.testing.RawClient;
import io.portcullis.gateway.testing.RecordingListener;
import io.portcullis.gateway.testing.TestGuards;
import io.portcullis.gateway.testing.TestUpstream;
import io.portcullis.settings.RouteSettings;
import io.portcullis.settings.TlsSettings;
import io.portcullis.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refusal is counted once, under its own reason: the refusal counters (and the log lines that go with
 * them), the decision counters and the listener's events agree reason by reason, over a mix of what the gateway
 * refuses at the connection and at the request level, on a cleartext and a TLS API. The worker is a single event
 * loop, so an event of a later connection shows that everything before it has run.
 */
class EachCauseCountedOnceTest {

    @TempDir
    Path dir;

    private final RecordingListener events = new RecordingListener();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void refusalCountersDecisionCountersAndEventsAgreeReasonByReason() throws Exception {
        TestPki pki = new TestPki(dir);
        TestPki.Issued server = pki.server();
        try (TestUpstream upstream = new TestUpstream()) {
            GatewayServer gateway = GatewayServer.builder(new GatewaySettings(List.of(
                    Gateways.api(upstream.uri()).routes(List.of(new RouteSettings("/orders/*", Set.of("GET"),
                            Optional.empty(), OptionalLong.empty(), List.of()))).build(),
                    Gateways.api(upstream.uri()).tls(TlsSettings.serverOnly(server.certFile(), server.keyFile()))
                            .build().withName("tls"))), new TestGuards())
                    .ticker(new FakeTicker()).workerThreads(1).meterRegistry(registry).listener(events).build().start();
            try {
                int orders = gateway.port("orders");
                int tls = gateway.port("tls");
                // Denied by the network layer, on both APIs: closed before any byte is read (or TLS begins).
                assertThat(raw("127.0.0.9", orders, "GET /orders/1 HTTP/1.1\r\nHost: a\r\n\r\n")).isEmpty();
                assertThat(tlsGet(pki, "127.0.0.9", tls)).startsWith("<refused");
                // Not TLS on the TLS API; a client that leaves before TLS begins (closed, not refused).
                assertThat(raw("127.0.0.2", tls, "GET / HTTP/1.1\r\nHost: a\r\n\r\n")).doesNotContain("HTTP/1.1");
                new RawClient("127.0.0.2", tls).close();
                assertThat(tlsGet(pki, "127.0.0.2", tls)).startsWith("HTTP/1.1 200");
                // A refused request whose connection closes, with bytes after it that are never answered.
                assertThat(raw("127.0.0.2", orders, "GET /nowhere HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
                        + "NOT A REQUEST\r\n\r\n")).startsWith("HTTP/1.1 404").doesNotContain("400");
                // A source that keeps being refused: its requests, then its connection, then its next connection.
                try (RawClient c = new RawClient("127.0.0.3", orders)) {
                    String last;
                    do {
                        last = c.send("GET /nowhere HTTP/1.1\r\nHost: a\r\n\r\n").readResponse();
                    } while (last.startsWith("HTTP/1.1 404") && !last.toLowerCase(Locale.ROOT).contains("connection: close"));
                }
                assertThat(raw("127.0.0.3", orders, "GET /orders/1 HTTP/1.1\r\nHost: a\r\n\r\n")).isEmpty();
                awaitEveryConnectionEnded(orders);

                Map<String, Long> reported = denials();
                assertThat(reported).containsEntry("network/no-matching-rule", 2L)
                        .containsEntry("identity/tls-handshake-failed", 1L)
                        .containsEntry("traffic/too-many-refusals", 1L)
                        .containsEntry("traffic/source-penalized", 1L)
                        .doesNotContainKey("protocol/bad-request");
                assertThat(reported.get("policy/no-route")).isBetween((long) SourcePenalties.BURST, SourcePenalties.BURST + 30L);
                assertThat(counted(gateway)).as("portcullis.refusals, by reason").isEqualTo(reported);
                assertThat(decided()).as("portcullis.decisions{verdict=deny}, by reason").isEqualTo(reported);
            } finally {
                gateway.close();
            }
        }
    }

    /** Waits until every connection seen has its terminal event, then for an event of one more connection. */
    private void awaitEveryConnectionEnded(int port) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!everyConnectionEnded()) {
            assertThat(System.nanoTime()).as("every connection ended within 5 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
        int seen = events.everyConnection().size();
        try (RawClient sync = new RawClient("127.0.0.2", port)) {
            while (events.everyConnection().stream().skip(seen).noneMatch(e -> e.phase() == ConnectionEvent.Phase.ADMITTED)) {
                assertThat(System.nanoTime()).as("the last connection admitted within 5 s").isLessThan(deadline);
                Thread.onSpinWait();
            }
        }
    }

    private static Map<String, Long> counted(GatewayServer gateway) {
        return gateway.rejections().snapshot().entrySet().stream().filter(e -> e.getValue() > 0)
                .collect(Collectors.toMap(e -> name(e.getKey()), Map.Entry::getValue, Long::sum, TreeMap::new));
    }

    private Map<String, Long> decided() {
        Map<String, Long> out = new TreeMap<>();
        for (Counter c : registry.find(GatewayMetrics.DECISIONS).tag("verdict", "deny").counters()) {
            if (c.count() > 0) {
                out.merge(c.getId().getTag("layer") + "/" + c.getId().getTag("reason"), (long) c.count(), Long::sum);
            }
        }
        return out;
    }

    private static String name(Reason reason) {
        return reason.layer().name().toLowerCase(Locale.ROOT) + "/" + reason.code();
    }

    /** Sends {@code request} from {@code from} and returns what comes back until the gateway closes. */
    private static String raw(String from, int port, String request) throws IOException {
        try (RawClient c = new RawClient(from, port)) {
            return c.send(request).readUntilClose().replace("<reset>", "");
        } catch (IOException refusedBeforeTheWrite) {
            return "";
        }
    }

    private static String tlsGet(TestPki pki, String from, int port) throws Exception {
        Socket plain = new Socket();
        plain.bind(new InetSocketAddress(from, 0));
        plain.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        plain.setSoTimeout(5000);
        try (SSLSocket tls = (SSLSocket) pki.clientContext(null).getSocketFactory().createSocket(plain, "localhost",
                port, true)) {
            tls.getOutputStream().write("GET /x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = tls.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException refused) {
            return "<refused: " + refused.getClass().getSimpleName() + ">";
        }
    }

    private boolean everyConnectionEnded() {
        Map<Long, Long> ends = events.everyConnection().stream().collect(Collectors.groupingBy(
                ConnectionEvent::connectionId,
                Collectors.filtering(e -> e.phase() != ConnectionEvent.Phase.ADMITTED, Collectors.counting())));
        return ends.values().stream().allMatch(n -> n == 1);
    }

    /** Refused connections and refused requests, by reason. */
    private Map<String, Long> denials() {
        Map<String, Long> out = new TreeMap<>();
        events.everyConnection().stream().filter(e -> e.phase() == ConnectionEvent.Phase.REFUSED)
                .forEach(e -> out.merge(name(e.decision().reason()), 1L, Long::sum));
        events.everyRequest().stream().map(RequestEvent::decision).filter(d -> !d.allowed()).map(Decision::reason)
                .forEach(r -> out.merge(name(r), 1L, Long::sum));
        return out;
    }
}
