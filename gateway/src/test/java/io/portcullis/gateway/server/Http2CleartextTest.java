package io.portcullis.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.observe.RequestEvent;
import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.settings.Limits;
import io.portcullis.gateway.testing.Gateways;
import io.portcullis.gateway.testing.H2Client;
import io.portcullis.gateway.testing.RecordingListener;
import io.portcullis.gateway.testing.ScriptedUpstream;
import io.portcullis.gateway.testing.TestGuards;
import io.portcullis.gateway.testing.TestUpstream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** HTTP/2 with prior knowledge on a cleartext connection (h2c), with Netty's HTTP/2 client. */
class Http2CleartextTest {

    static TestUpstream upstream;
    static RecordingListener events = new RecordingListener();
    static GatewayServer gateway;
    static H2Client client;

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream();
        gateway = GatewayServer.builder(new GatewaySettings(List.of(Gateways.api(upstream.uri())
                .limits(Limits.DEFAULT.withMaxBodyBytes(1000)).build())), new TestGuards())
                .listener(events).workerThreads(1).build().start();
        client = new H2Client("127.0.0.2", gateway.port("orders"));
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
        upstream.close();
    }

    private static CompletableFuture<String> exchange(String method, String path, byte[] body) throws Exception {
        return client.exchange(method, path, body);
    }

    @Test
    void servesConcurrentStreamsOnOneConnection() throws Exception {
        List<CompletableFuture<String>> responses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            responses.add(exchange("GET", "/echo?stream=" + i, null));
        }
        for (int i = 0; i < 20; i++) {
            assertThat(responses.get(i).get(5, TimeUnit.SECONDS)).startsWith("200\n")
                    .contains("target=/echo?stream=" + i + "\n").contains("x-forwarded-for=127.0.0.2")
                    .contains("host=orders.internal").containsPattern("x-request-id=[0-9a-f]{12}-[0-9a-f]{12}\n");
        }
        RequestEvent event = events.request(e -> e.path().equals("/echo?stream=19"));
        assertThat(event.protocol()).isEqualTo("HTTP/2");
        assertThat(event.status()).isEqualTo(200);
        assertThat(event.outcome()).isEqualTo(RequestEvent.Outcome.COMPLETED);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a\r\nx-injected: 1", "a\nx-injected: 1", "a\rx-injected: 1", "a\u0000b"})
    void neverForwardsAHeaderValueThatWouldBreakTheUpstreamHead(String value) throws Exception {
        int forwarded = upstream.requests.get();
        String response = client.exchange("GET", "/echo", null, List.of(Map.entry("x-evil", value))).get(5, TimeUnit.SECONDS);
        assertThat(response).doesNotContain("x-injected").doesNotStartWith("200");
        assertThat(upstream.requests.get()).as("forwarded").isEqualTo(forwarded);
        assertThat(exchange("GET", "/echo", null).get(5, TimeUnit.SECONDS)).as("other streams still served")
                .startsWith("200\n");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/echo HTTP/1.1\r\nx-injected: 1\r\n\r\nGET /echo", "/echo x-injected", "/echo\tx-injected",
            "/echo\u0000x-injected", "/echo\u007fx-injected", "/echo\u00e9x-injected"})
    void neverForwardsAPathThatWouldBreakTheUpstreamRequestLine(String path) throws Exception {
        int forwarded = upstream.requests.get();
        String response = client.exchange("GET", path, null).get(5, TimeUnit.SECONDS);
        assertThat(response).startsWith("400\n").doesNotContain("x-injected");
        assertThat(upstream.requests.get()).as("forwarded").isEqualTo(forwarded);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET/x", "GE(T", "GE\"T", "G\u00c9T"})
    void refusesAMethodThatIsNotAToken(String method) throws Exception { // Netty's codec resets such a stream
        int forwarded = upstream.requests.get();
        String response = exchange(method, "/echo", null).get(5, TimeUnit.SECONDS);
        assertThat(response).doesNotStartWith("200");
        assertThat(upstream.requests.get()).as("forwarded").isEqualTo(forwarded);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"evil.internal", "orders.internal:80", "a b", "orders.internal\u00e9"})
    void refusesAHostThatDisagreesWithTheAuthorityOrIsNoHost(String host) throws Exception {
        int forwarded = upstream.requests.get();
        assertThat(client.exchange("GET", "/echo", null, List.of(Map.entry("host", host))).get(5, TimeUnit.SECONDS))
                .satisfiesAnyOf(r -> assertThat(r).startsWith("400\n"), r -> assertThat(r).isEqualTo("<stream closed>"));
        assertThat(upstream.requests.get()).as("forwarded").isEqualTo(forwarded);
    }

    @Test
    void sendsTheAuthorityAsOneHostAndSplitCookiesAsOneField() throws Exception {
        try (ScriptedUpstream raw = ScriptedUpstream.start(head -> ScriptedUpstream.Reply.keepOpen(
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
             GatewayServer own = GatewayServer.builder(new GatewaySettings(List.of(Gateways.api(raw.uri()).build())),
                     new TestGuards()).workerThreads(1).build().start();
             H2Client c = new H2Client("127.0.0.2", own.port("orders"))) {
            assertThat(c.exchange("GET", "/x", null, List.of(Map.entry("host", "Orders.Internal"),
                    Map.entry("cookie", "a=1"), Map.entry("cookie", "b=2"))).get(5, TimeUnit.SECONDS)).startsWith("200\n");
            String sent = raw.requests().get(0).toLowerCase(Locale.ROOT);
            assertThat(sent.split("\r\nhost: ", -1)).as(sent).hasSize(2);
            assertThat(sent).contains("\r\nhost: orders.internal\r\n");
            assertThat(sent.split("\r\ncookie: ", -1)).as(sent).hasSize(2);
            assertThat(sent).contains("\r\ncookie: a=1; b=2\r\n");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "content-length shorter than the data | content-length | 3",
            "content-length longer than the data  | content-length | 30",
            "transfer-encoding                    | transfer-encoding | chunked",
            "connection                           | connection | keep-alive",
            "te other than trailers               | te | gzip"})
    void neverForwardsABodyWhoseFramingDisagrees(String name, String header, String value) throws Exception {
        // Netty's codec checks content-length against the DATA frames and refuses connection-specific headers
        int forwarded = upstream.requests.get();
        try (H2Client own = new H2Client("127.0.0.2", gateway.port("orders"))) { // the codec may end the connection
            String response = own.exchange("POST", "/echo", "0123456789".getBytes(StandardCharsets.US_ASCII),
                    List.of(Map.entry(header, value))).get(5, TimeUnit.SECONDS);
            assertThat(response).as(name).isEqualTo("<stream closed>");
        }
        assertThat(upstream.requests.get()).as("forwarded").isEqualTo(forwarded);
    }

    @ParameterizedTest(name = "{0} with content-length {1}")
    @CsvSource({"GET, 3", "HEAD, 3", "POST, 5"})
    void refusesAStreamEndedByItsHeadersThatDeclaresALength(String method, String length) throws Exception {
        int forwarded = upstream.requests.get();
        String response;
        try (H2Client own = new H2Client("127.0.0.2", gateway.port("orders"))) {
            response = own.exchange(method, "/echo", null, List.of(Map.entry("content-length", length)))
                    .get(5, TimeUnit.SECONDS);
        }
        // The codec resets such a stream; the proxy stage answers 400 to one that reaches it anyway.
        assertThat(response).matches("(?s)400\n.*|<stream closed>");
        assertThat(upstream.requests.get()).as("forwarded").isEqualTo(forwarded);
    }

    @Test
    void streamsARequestBodyAndRefusesOneOverTheLimit() throws Exception {
        assertThat(exchange("POST", "/echo", new byte[900]).get(5, TimeUnit.SECONDS)).startsWith("200\n")
                .contains("body=900");
        assertThat(exchange("POST", "/echo", new byte[1500]).get(5, TimeUnit.SECONDS)).startsWith("413\n")
                .contains("Payload Too Large");
        assertThat(client.isActive()).isTrue();
    }
}
