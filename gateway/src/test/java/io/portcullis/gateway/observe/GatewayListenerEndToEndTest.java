package io.portcullis.gateway.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.guard.GuardReasons;
import io.portcullis.gateway.guard.InMemoryBlocklist;
import io.portcullis.gateway.http.HttpReasons;
import io.portcullis.gateway.net.Cidr;
import io.portcullis.gateway.observe.ConnectionEvent.Phase;
import io.portcullis.gateway.observe.RequestEvent.Outcome;
import io.portcullis.gateway.proxy.ProxyReasons;
import io.portcullis.gateway.server.GatewayServer;
import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.settings.ProxyProtocol;
import io.portcullis.settings.RouteSettings;
import io.portcullis.gateway.testing.Gateways;
import io.portcullis.gateway.testing.RawClient;
import io.portcullis.gateway.testing.RecordingListener;
import io.portcullis.gateway.testing.TestGuards;
import io.portcullis.gateway.testing.TestUpstream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the gateway tells its listener about real connections and requests, and how the listener stops admission. */
class GatewayListenerEndToEndTest {

    static TestUpstream upstream;
    static RecordingListener events = new RecordingListener();
    static GatewayServer gateway;

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream();
        InMemoryBlocklist blocklist = new InMemoryBlocklist();
        blocklist.block(Cidr.parse("127.0.0.9"), "feed-test");
        List<RouteSettings> routes = List.of(RouteSettings.of("/echo"), RouteSettings.of("/big"),
                new RouteSettings("/down/**", Set.of(), Optional.of(URI.create("http://127.0.0.1:1")),
                        OptionalLong.empty(), List.of()));
        gateway = GatewayServer.builder(new GatewaySettings(List.of(
                        Gateways.api(upstream.uri()).routes(routes).build(),
                        Gateways.api(upstream.uri()).proxyProtocol(ProxyProtocol.REQUIRED, List.of("127.0.0.2"))
                                .build().withName("behind-nlb"))), new TestGuards())
                .blocklist(blocklist).listener(events).workerThreads(1).build().start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    private static RawClient client(String from, String api) throws Exception {
        return new RawClient(from, gateway.port(api));
    }

    private static boolean from(ConnectionEvent e, RawClient c) {
        return e.peer().getPort() == c.socket().getLocalPort();
    }

    @Test
    void reportsAnAdmittedConnectionAndItsCloseWithBytes() throws Exception {
        String request = "GET /echo HTTP/1.1\r\nHost: a\r\n\r\n";
        String response;
        RawClient c = client("127.0.0.2", "orders");
        try (c) {
            response = c.send(request).readResponse();
        }
        ConnectionEvent admitted = events.connection(e -> from(e, c));
        assertThat(admitted.phase()).isEqualTo(Phase.ADMITTED);
        assertThat(admitted.api()).isEqualTo("orders");
        assertThat(admitted.decision().reason()).isEqualTo(TestGuards.ALLOWED);
        assertThat(admitted.decision().decidedBy()).isEqualTo("111111111111/sg-api ingress[0]");
        assertThat(admitted.source().workload()).isEqualTo("web");
        assertThat(admitted.sourceAddress()).isEqualTo(new InetSocketAddress("127.0.0.2", c.socket().getLocalPort()));
        ConnectionEvent closed = events.connection(e -> from(e, c));
        assertThat(closed.phase()).isEqualTo(Phase.CLOSED);
        assertThat(closed.connectionId()).isEqualTo(admitted.connectionId());
        assertThat(closed.decision()).isEqualTo(admitted.decision());
        assertThat(closed.bytesReceived()).isEqualTo(request.length());
        assertThat(closed.bytesSent()).isEqualTo(response.length());
        assertThat(closed.durationNanos()).isPositive();
    }

    @Test
    void reportsConnectionsTheGuardAndTheBlocklistRefuse() throws Exception {
        RawClient denied = client("127.0.0.4", "orders");
        try (denied) {
            assertThat(denied.readUntilClose()).isIn("", "<reset>");
        }
        ConnectionEvent refused = events.connection(e -> from(e, denied));
        assertThat(refused.phase()).isEqualTo(Phase.REFUSED);
        assertThat(refused.decision().reason()).isEqualTo(TestGuards.NO_RULE);
        assertThat(refused.source().address().getHostAddress()).isEqualTo("127.0.0.4");
        assertThat(refused.blocklist()).isEmpty();

        RawClient blocked = client("127.0.0.9", "orders");
        try (blocked) {
            assertThat(blocked.readUntilClose()).isIn("", "<reset>");
        }
        ConnectionEvent blocklisted = events.connection(e -> from(e, blocked));
        assertThat(blocklisted.phase()).isEqualTo(Phase.REFUSED);
        assertThat(blocklisted.decision().reason()).isEqualTo(GuardReasons.BLOCKLISTED);
        assertThat(blocklisted.blocklist()).isEqualTo("feed-test");
        assertThat(blocklisted.source()).as("refused before the guard was asked").isNull();
        assertThat(blocklisted.sourceAddress()).isEqualTo(blocklisted.peer());
    }

    @Test
    void reportsPROXYHeaderErrorsAndTheProxiedSource() throws Exception {
        RawClient bad = client("127.0.0.2", "behind-nlb");
        try (bad) {
            bad.send("PROXY TCP4 not-an-address 10.0.0.1 4000 443\r\n");
            assertThat(bad.readUntilClose()).isIn("", "<reset>");
        }
        ConnectionEvent refused = events.connection(e -> from(e, bad));
        assertThat(refused.phase()).isEqualTo(Phase.REFUSED);
        assertThat(refused.decision().reason()).isEqualTo(ProxyReasons.BAD_HEADER);
        assertThat(refused.sourceAddress()).isNull();

        RawClient proxied = client("127.0.0.2", "behind-nlb");
        try (proxied) {
            proxied.send("PROXY TCP4 127.0.0.9 10.0.0.1 4000 443\r\n");
            assertThat(proxied.readUntilClose()).isIn("", "<reset>");
        }
        ConnectionEvent blocked = events.connection(e -> from(e, proxied));
        assertThat(blocked.decision().reason()).isEqualTo(GuardReasons.BLOCKLISTED);
        assertThat(blocked.sourceAddress()).isEqualTo(new InetSocketAddress("127.0.0.9", 4000));
        assertThat(blocked.peer().getAddress().getHostAddress()).isEqualTo("127.0.0.2");
    }

    @Test
    void reportsEachRequestWithStatusBytesRouteAndOutcome() throws Exception {
        try (RawClient c = client("127.0.0.3", "orders")) {
            String ok = c.send("POST /echo?n=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello").readResponse();
            String notFound = c.send("GET /nowhere HTTP/1.1\r\nHost: a\r\n\r\n").readResponse();
            String down = c.send("GET /down/x HTTP/1.1\r\nHost: a\r\n\r\n").readResponse();
            assertThat(notFound).startsWith("HTTP/1.1 404");
            assertThat(down).startsWith("HTTP/1.1 502");

            RequestEvent forwarded = events.request(e -> e.path().equals("/echo?n=1"));
            assertThat(forwarded.method()).isEqualTo("POST");
            assertThat(forwarded.route()).isEqualTo("/echo");
            assertThat(forwarded.status()).isEqualTo(200);
            assertThat(forwarded.requestBytes()).isEqualTo(5);
            assertThat(forwarded.responseBytes()).isEqualTo(ok.length() - ok.indexOf("\r\n\r\n") - 4);
            assertThat(forwarded.outcome()).isEqualTo(Outcome.COMPLETED);
            assertThat(forwarded.protocol()).isEqualTo("HTTP/1.1");
            assertThat(forwarded.tls()).isFalse();
            assertThat(forwarded.source().workload()).isEqualTo("batch");
            assertThat(forwarded.admission().reason()).isEqualTo(TestGuards.ALLOWED);
            assertThat(forwarded.authorization()).isEqualTo(io.portcullis.gateway.auth.Authorization.NOT_REQUIRED);
            assertThat(forwarded.latencyNanos()).isPositive();

            RequestEvent refused = events.request(e -> e.path().equals("/nowhere"));
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.route()).isNull();
            assertThat(refused.decision().reason()).isEqualTo(HttpReasons.NO_ROUTE);
            assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(refused.authorization()).isNull();
            assertThat(refused.responseBytes()).isEqualTo("Not Found\n".length());
            assertThat(refused.connectionId()).isEqualTo(forwarded.connectionId());

            RequestEvent failed = events.request(e -> e.path().equals("/down/x"));
            assertThat(failed.status()).isEqualTo(502);
            assertThat(failed.route()).isEqualTo("/down/**");
            assertThat(failed.outcome()).isEqualTo(Outcome.UPSTREAM_FAILED);
            assertThat(failed.upstreamError()).isEqualTo(UpstreamError.CONNECT_FAILED);
        }
    }

    @Test
    void reportsARequestTheClientAbandons() throws Exception {
        try (RawClient c = client("127.0.0.3", "orders")) {
            // the upstream waits for the rest of the body, which never comes
            c.send("POST /echo?abandoned HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nonly-part");
        }
        RequestEvent abandoned = events.request(e -> e.path().equals("/echo?abandoned"));
        assertThat(abandoned.outcome()).isEqualTo(Outcome.CLIENT_ABORTED);
        assertThat(abandoned.status()).isZero();
        assertThat(abandoned.requestBytes()).isEqualTo("only-part".length());
    }

    @Test
    void replacesTheClientsRequestIdAndReturnsItsOwn() throws Exception {
        try (RawClient c = client("127.0.0.2", "orders")) {
            String response = c.send("GET /echo?id HTTP/1.1\r\nHost: a\r\nX-Request-Id: chosen-by-client\r\n\r\n")
                    .readResponse();
            RequestEvent event = events.request(e -> e.path().equals("/echo?id"));
            assertThat(event.requestId()).matches("[0-9a-f]{12}-[0-9a-f]{12}");
            assertThat(response).doesNotContain("chosen-by-client")
                    .contains("\r\nx-request-id: " + event.requestId() + "\r\n")
                    .contains("\nx-request-id=" + event.requestId() + "\n");
        }
    }

    @Test
    void stopsAdmittingWhileTheListenerSaysSo() throws Exception {
        try (RawClient open = client("127.0.0.5", "orders")) {
            assertThat(open.send("GET /echo HTTP/1.1\r\nHost: a\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200");
            events.admitting = false;
            try {
                assertThat(open.send("GET /echo?closed HTTP/1.1\r\nHost: a\r\n\r\n").readResponse())
                        .startsWith("HTTP/1.1 503 Service Unavailable").endsWith("\r\n\r\nService Unavailable\n");
                RequestEvent refused = events.request(e -> e.path().equals("/echo?closed"));
                assertThat(refused.decision().reason()).isEqualTo(GatewayListener.EVIDENCE_UNAVAILABLE);
                RawClient fresh = client("127.0.0.5", "orders");
                try (fresh) {
                    assertThat(fresh.readUntilClose()).isIn("", "<reset>");
                }
                ConnectionEvent closed = events.connection(e -> from(e, fresh));
                assertThat(closed.phase()).isEqualTo(Phase.REFUSED);
                assertThat(closed.decision().reason()).isEqualTo(GatewayListener.EVIDENCE_UNAVAILABLE);
            } finally {
                events.admitting = true;
            }
            assertThat(open.send("GET /echo HTTP/1.1\r\nHost: a\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200");
        }
    }
}
