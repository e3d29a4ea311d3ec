package io.portcullis.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.observe.RequestEvent;
import io.portcullis.gateway.observe.UpstreamError;
import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.settings.Limits;
import io.portcullis.settings.RateLimitKey;
import io.portcullis.settings.RateLimitSettings;
import io.portcullis.settings.Timeouts;
import io.portcullis.gateway.testing.Gateways;
import io.portcullis.gateway.testing.RawClient;
import io.portcullis.gateway.testing.RecordingListener;
import io.portcullis.gateway.testing.ScriptedUpstream;
import io.portcullis.gateway.testing.ScriptedUpstream.Reply;
import io.portcullis.gateway.testing.TestGuards;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How upstream responses are framed for the client, end to end through a real gateway and a scripted upstream:
 * chunked, close-delimited and bodiless responses re-framed for HTTP/1.1 and HTTP/1.0 clients, 1xx heads dropped,
 * hop-by-hop and gateway-owned headers replaced, malformed responses answered with 502 (or the client connection
 * closed once the head was relayed), and an upstream connection retired after bytes beyond its response.
 */
class UpstreamFramingTest {

    private static final String CHUNKED_HEAD = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";

    /** Responses that break the grammar in their head: the client gets a 502 and keeps its connection. */
    private static final List<Map.Entry<String, String>> MALFORMED_HEADS = List.of(
            Map.entry("bare LF", "HTTP/1.1 200 OK\nContent-Length: 2\r\n\r\nok"),
            Map.entry("bare CR", "HTTP/1.1 200 OK\rContent-Length: 2\r\n\r\nok"),
            Map.entry("obs-fold", "HTTP/1.1 200 OK\r\nX-A: 1\r\n folded\r\nContent-Length: 2\r\n\r\nok"),
            Map.entry("control character", "HTTP/1.1 200 OK\r\nX-A: a\u0000b\r\nContent-Length: 2\r\n\r\nok"),
            Map.entry("bad status line", "HTTP/1.1 OK 200\r\nContent-Length: 2\r\n\r\nok"),
            Map.entry("status below 100", "HTTP/1.1 099 Low\r\nContent-Length: 2\r\n\r\nok"),
            Map.entry("101", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"),
            Map.entry("Content-Length and Transfer-Encoding",
                    "HTTP/1.1 200 OK\r\nContent-Length: 7\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n"),
            Map.entry("differing Content-Lengths",
                    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok"),
            Map.entry("Transfer-Encoding gzip", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nok"),
            Map.entry("head over 64 KiB", "HTTP/1.1 200 OK\r\nX-Big: " + "b".repeat(70_000) + "\r\n\r\n"));

    /** Responses that break the grammar in their body, after the head was relayed: the client is closed. */
    private static final List<Map.Entry<String, List<String>>> MALFORMED_BODIES = List.of(
            Map.entry("non-hex chunk size", List.of(CHUNKED_HEAD + "5\r\nhello\r\n", "zz\r\nhello\r\n0\r\n\r\n")),
            Map.entry("chunk data not followed by CRLF", List.of(CHUNKED_HEAD + "5\r\nhel", "loXY0\r\n\r\n")));

    static ScriptedUpstream upstream;
    static RecordingListener listener = new RecordingListener();
    static GatewayServer gateway;

    @BeforeAll
    static void start() throws Exception {
        upstream = ScriptedUpstream.start(UpstreamFramingTest::script);
        Timeouts timeouts = Timeouts.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(30),
                Duration.ofSeconds(2));
        Limits limited = Limits.DEFAULT.withRateLimits(
                List.of(new RateLimitSettings(RateLimitKey.WORKLOAD, 1000, 1000, Duration.ofHours(1))));
        gateway = GatewayServer.builder(new GatewaySettings(List.of(
                        Gateways.api(upstream.uri()).timeouts(timeouts).build(),
                        Gateways.api(upstream.uri()).timeouts(timeouts).limits(limited).build().withName("limited"))),
                new TestGuards()).listener(listener).workerThreads(1).build().start();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        upstream.close();
    }

    private static Reply script(String requestHead) {
        String[] requestLine = requestHead.substring(0, requestHead.indexOf("\r\n")).split(" ");
        String path = requestLine[1];
        if (path.startsWith("/malformed-head/")) {
            return Reply.keepOpen(MALFORMED_HEADS.get(index(path)).getValue());
        }
        if (path.startsWith("/malformed-body/")) {
            return Reply.keepOpen(MALFORMED_BODIES.get(index(path)).getValue().toArray(String[]::new));
        }
        return switch (requestLine[0] + " " + path) {
            case "GET /fixed" -> Reply.keepOpen("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfixed");
            case "GET /chunked" -> Reply.keepOpen("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
                    + "Trailer: X-Checksum\r\nContent-Type: text/plain\r\n\r\n5;ext=1\r\nhello\r\n",
                    "6\r\n world\r\n0\r\nX-Checksum: abc\r\n\r\n");
            case "GET /until-close" -> Reply.thenClose("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nstreamed ",
                    "until close");
            case "HEAD /resource" -> Reply.keepOpen("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n");
            case "GET /resource" -> Reply.keepOpen("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello world");
            case "GET /continue" -> Reply.keepOpen("HTTP/1.1 100 Continue\r\n\r\n",
                    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            case "GET /continue-in-one-read" -> Reply.keepOpen("HTTP/1.1 100 Continue\r\n\r\n"
                    + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            case "GET /repeated-length" -> Reply.keepOpen("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-A: 1\r\n"
                    + "content-length: 2\r\n\r\nok");
            case "GET /no-content" -> Reply.keepOpen("HTTP/1.1 204 No Content\r\nX-A: 1\r\n\r\n");
            case "GET /not-modified" -> Reply.keepOpen("HTTP/1.1 304 Not Modified\r\nContent-Length: 100\r\n\r\n");
            case "GET /hop-by-hop" -> Reply.keepOpen("HTTP/1.1 200 OK\r\nConnection: X-Secret, keep-alive\r\n"
                    + "Keep-Alive: timeout=5\r\nX-Secret: s3cr3t\r\nProxy-Connection: keep-alive\r\nUpgrade: h2c\r\n"
                    + "Proxy-Authenticate: Basic\r\nTE: trailers\r\nTrailer: X-T\r\nX-Request-Id: from-upstream\r\n"
                    + "X-Kept: yes\r\nContent-Length: 2\r\n\r\nok");
            case "GET /rate-limit" -> Reply.keepOpen("HTTP/1.1 200 OK\r\nRateLimit-Policy: \"upstream\";q=1;w=1\r\n"
                    + "ratelimit: \"upstream\";r=0;t=1\r\nContent-Length: 2\r\n\r\nok");
            default -> Reply.thenClose("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
        };
    }

    private static int index(String path) {
        return Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
    }

    private static RawClient client() throws IOException {
        return new RawClient("127.0.0.2", gateway.port("orders"));
    }

    private static RawClient get(RawClient c, String path) throws IOException {
        return c.send("GET " + path + " HTTP/1.1\r\nHost: a\r\n\r\n");
    }

    private static void assertServesTheNextRequest(RawClient c) throws IOException {
        assertThat(get(c, "/fixed").readResponse()).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nfixed");
    }

    @Test
    void relaysAChunkedBodyToAnHttp11ClientChunkedWithItsTrailers() throws Exception {
        try (RawClient c = client()) {
            String head = readHead(get(c, "/chunked"));
            assertThat(head).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nContent-Type: text/plain\r\n");
            assertThat(values(head, "transfer-encoding")).containsExactly("chunked");
            assertThat(names(head)).doesNotContain("trailer", "content-length");
            assertThat(readChunked(c)).isEqualTo("hello world|X-Checksum: abc\r\n");
            assertServesTheNextRequest(c);
        }
    }

    @Test
    void relaysAChunkedBodyToAnHttp10ClientDechunkedUntilClose() throws Exception {
        try (RawClient c = client()) {
            String response = c.send("GET /chunked HTTP/1.0\r\nHost: a\r\n\r\n").readUntilClose();
            String head = response.substring(0, response.indexOf("\r\n\r\n") + 4);
            assertThat(head).startsWith("HTTP/1.1 200 OK\r\n");
            assertThat(names(head)).doesNotContain("transfer-encoding", "content-length", "trailer");
            assertThat(values(head, "connection")).containsExactly("close");
            assertThat(response.substring(head.length())).isEqualTo("hello world");
        }
    }

    @Test
    void relaysABodyEndedByTheUpstreamsCloseAsChunksAndKeepsTheClientConnection() throws Exception {
        try (RawClient c = client()) {
            for (int i = 0; i < 2; i++) {
                String head = readHead(get(c, "/until-close"));
                assertThat(head).startsWith("HTTP/1.1 200 OK\r\n");
                assertThat(values(head, "transfer-encoding")).containsExactly("chunked");
                assertThat(names(head)).doesNotContain("connection");
                assertThat(readChunked(c)).isEqualTo("streamed until close|");
            }
            assertServesTheNextRequest(c);
        }
    }

    @Test
    void answersHeadWithTheUpstreamsLengthAndNoBodyThenServesTheNextRequest() throws Exception {
        try (RawClient c = client()) {
            String head = readHead(c.send("HEAD /resource HTTP/1.1\r\nHost: a\r\n\r\n"));
            assertThat(head).startsWith("HTTP/1.1 200 OK\r\n");
            assertThat(values(head, "content-length")).containsExactly("11");
            assertThat(names(head)).doesNotContain("transfer-encoding");
            assertThat(get(c, "/resource").readResponse()).startsWith("HTTP/1.1 200 OK\r\n")
                    .endsWith("\r\n\r\nhello world");
        }
        assertThat(upstream.requests()).anyMatch(r -> r.startsWith("HEAD /resource HTTP/1.1\r\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/continue", "/continue-in-one-read"})
    void dropsTheUpstreams100ContinueBeforeTheFinalResponse(String path) throws Exception {
        try (RawClient c = client()) {
            assertThat(get(c, path).readResponse()).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nok")
                    .doesNotContain("Continue");
            assertServesTheNextRequest(c);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/no-content", "/not-modified"})
    void relaysBodilessStatusesWithoutABody(String path) throws Exception {
        try (RawClient c = client()) {
            String head = readHead(get(c, path));
            assertThat(head).matches("HTTP/1\\.1 (204 No Content|304 Not Modified)\r\n(?s).*");
            assertThat(names(head)).doesNotContain("transfer-encoding");
            assertServesTheNextRequest(c);
        }
    }

    @Test
    void relaysARepeatedIdenticalContentLengthAsOneLine() throws Exception {
        try (RawClient c = client()) {
            String response = get(c, "/repeated-length").readResponse();
            assertThat(response).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nX-A: 1\r\n").endsWith("\r\n\r\nok");
            assertThat(values(response, "content-length")).containsExactly("2");
            assertServesTheNextRequest(c);
        }
    }

    @Test
    void dropsHopByHopHeadersThoseTheConnectionHeaderNamesAndTheUpstreamsRequestId() throws Exception {
        try (RawClient c = client()) {
            String response = get(c, "/hop-by-hop").readResponse();
            assertThat(response).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nX-Kept: yes\r\n").endsWith("ok");
            assertThat(names(response)).doesNotContain("connection", "keep-alive", "x-secret", "proxy-connection",
                    "upgrade", "proxy-authenticate", "te", "trailer");
            String sentUpstream = upstream.requests().stream().filter(r -> r.startsWith("GET /hop-by-hop "))
                    .reduce((first, second) -> second).orElseThrow();
            assertThat(values(response, "x-request-id")).containsExactly(values(sentUpstream, "x-request-id").get(0))
                    .doesNotContain("from-upstream");
        }
    }

    @Test
    void replacesTheUpstreamsRateLimitHeadersWhenTheApiHasARateLimit() throws Exception {
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("limited"))) {
            String response = get(c, "/rate-limit").readResponse();
            assertThat(values(response, "ratelimit-policy")).singleElement(InstanceOfAssertFactories.STRING)
                    .startsWith("\"workload-1000-per-3600000ms\";q=1000;");
            assertThat(values(response, "ratelimit")).singleElement(InstanceOfAssertFactories.STRING)
                    .startsWith("\"workload-1000-per-3600000ms\";r=");
        }
        try (RawClient c = client()) {
            String response = get(c, "/rate-limit").readResponse();
            assertThat(values(response, "ratelimit-policy")).containsExactly("\"upstream\";q=1;w=1");
            assertThat(values(response, "ratelimit")).containsExactly("\"upstream\";r=0;t=1");
        }
    }

    static Stream<Arguments> malformedHeads() {
        return namesAndIndexes(MALFORMED_HEADS);
    }

    static Stream<Arguments> malformedBodies() {
        return namesAndIndexes(MALFORMED_BODIES);
    }

    private static Stream<Arguments> namesAndIndexes(List<? extends Map.Entry<String, ?>> cases) {
        return IntStream.range(0, cases.size()).mapToObj(i -> Arguments.of(cases.get(i).getKey(), i));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedHeads")
    void answers502ForAMalformedResponseHeadAndKeepsTheClient(String name, int index) throws Exception {
        String path = "/malformed-head/" + index;
        try (RawClient c = client()) {
            assertThat(get(c, path).readResponse()).startsWith("HTTP/1.1 502 ");
            assertThat(listener.request(e -> e.path().equals(path)).upstreamError())
                    .isEqualTo(UpstreamError.MALFORMED_RESPONSE);
            assertServesTheNextRequest(c);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void closesTheClientWhenTheBodyTurnsOutMalformedAfterTheHeadWasRelayed(String name, int index) throws Exception {
        String path = "/malformed-body/" + index;
        try (RawClient c = client()) {
            String response = get(c, path).readUntilClose();
            assertThat(response).startsWith("HTTP/1.1 200 OK\r\n").doesNotEndWith("0\r\n\r\n")
                    .doesNotEndWith("<timeout>");
            RequestEvent event = listener.request(e -> e.path().equals(path));
            assertThat(event.upstreamError()).isEqualTo(UpstreamError.MALFORMED_RESPONSE);
            assertThat(event.outcome()).isEqualTo(RequestEvent.Outcome.UPSTREAM_FAILED);
        }
    }

    @Test
    void reusesTheUpstreamConnectionAfterACleanResponse() throws Exception {
        onOwnUpstream(head -> Reply.keepOpen("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"), (own, port) -> {
            try (RawClient c = new RawClient("127.0.0.2", port)) {
                for (int i = 0; i < 3; i++) {
                    assertThat(get(c, "/").readResponse()).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nok");
                }
            }
            assertThat(own.accepted()).isEqualTo(1);
        });
    }

    @Test
    void retiresTheUpstreamConnectionThatSentBytesBeyondItsResponse() throws Exception {
        onOwnUpstream(head -> Reply.keepOpen("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                + "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nextra"), (own, port) -> {
            try (RawClient c = new RawClient("127.0.0.2", port)) {
                assertThat(get(c, "/").readResponse()).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nok");
                assertThat(own.awaitClosedByPeer(1)).as("the gateway closed the upstream connection").isEqualTo(1);
                assertThat(get(c, "/").readResponse()).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nok");
            }
            assertThat(own.accepted()).isEqualTo(2);
        });
    }

    @Test
    void relaysNoBodyForHeadWhenTheUpstreamSendsOneAndRetiresItsConnection() throws Exception {
        onOwnUpstream(head -> head.startsWith("HEAD ")
                ? Reply.keepOpen("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
                : Reply.keepOpen("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello world"), (own, port) -> {
                    try (RawClient c = new RawClient("127.0.0.2", port)) {
                        assertThat(values(readHead(c.send("HEAD / HTTP/1.1\r\nHost: a\r\n\r\n")), "content-length"))
                                .containsExactly("5");
                        assertThat(get(c, "/").readResponse()).startsWith("HTTP/1.1 200 OK\r\n")
                                .endsWith("\r\n\r\nhello world");
                    }
                    assertThat(own.accepted()).isEqualTo(2);
                });
    }

    @Test
    void closesAPooledUpstreamConnectionThatSendsBytesWhileIdle() throws Exception {
        onOwnUpstream(head -> Reply.keepOpen("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", "junk"),
                (own, port) -> {
                    try (RawClient c = new RawClient("127.0.0.2", port)) {
                        assertThat(get(c, "/").readResponse()).endsWith("\r\n\r\nok");
                        assertThat(own.awaitClosedByPeer(1)).isEqualTo(1);
                        assertThat(get(c, "/").readResponse()).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nok");
                    }
                    assertThat(own.accepted()).isEqualTo(2);
                });
    }

    private interface UpstreamCheck {
        void run(ScriptedUpstream upstream, int gatewayPort) throws Exception;
    }

    /** Runs {@code check} on a gateway of its own whose upstream follows {@code script}, so its counts are exact. */
    private static void onOwnUpstream(Function<String, Reply> script, UpstreamCheck check) throws Exception {
        try (ScriptedUpstream own = ScriptedUpstream.start(script)) {
            GatewayServer server = GatewayServer.builder(new GatewaySettings(List.of(Gateways.api(own.uri()).build())),
                    new TestGuards()).workerThreads(1).build().start();
            try {
                check.run(own, server.port("orders"));
            } finally {
                server.close();
            }
        }
    }

    /** One response head, through its blank line. */
    private static String readHead(RawClient c) throws IOException {
        InputStream in = c.socket().getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("closed after " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** A chunked body, decoded strictly (plain hexadecimal sizes, CRLF after each chunk), as "body|trailer lines". */
    private static String readChunked(RawClient c) throws IOException {
        InputStream in = c.socket().getInputStream();
        StringBuilder body = new StringBuilder();
        for (String size; !(size = readLine(in)).equals("0"); ) {
            assertThat(size).matches("[0-9a-f]+");
            body.append(new String(in.readNBytes(Integer.parseInt(size, 16)), StandardCharsets.ISO_8859_1));
            assertThat(readLine(in)).isEmpty();
        }
        body.append('|');
        for (String line; !(line = readLine(in)).isEmpty(); ) {
            body.append(line).append("\r\n");
        }
        return body.toString();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != '\r'; ) {
            if (b < 0 || b == '\n') {
                throw new EOFException("no CRLF after " + line);
            }
            line.append((char) b);
        }
        assertThat(in.read()).isEqualTo('\n');
        return line.toString();
    }

    /** The header names of a message (lower case), in order; the first line and any body are skipped. */
    private static List<String> names(String message) {
        List<String> names = new ArrayList<>();
        for (String line : headerLines(message)) {
            names.add(line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT));
        }
        return names;
    }

    /** The values of the headers named {@code lowerName}, trimmed, in order. */
    private static List<String> values(String message, String lowerName) {
        List<String> values = new ArrayList<>();
        for (String line : headerLines(message)) {
            if (line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT).equals(lowerName)) {
                values.add(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return values;
    }

    private static List<String> headerLines(String message) {
        String head = message.substring(0, message.indexOf("\r\n\r\n"));
        List<String> lines = new ArrayList<>(List.of(head.split("\r\n")));
        return lines.subList(1, lines.size());
    }
}
