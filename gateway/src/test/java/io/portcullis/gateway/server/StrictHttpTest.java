package io.portcullis.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.http.HttpReasons;
import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.gateway.testing.Gateways;
import io.portcullis.gateway.testing.RawClient;
import io.portcullis.gateway.testing.TestGuards;
import io.portcullis.gateway.testing.TestUpstream;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every request shape that lets two HTTP parsers disagree is answered 400 and closed, and never forwarded. */
class StrictHttpTest {

    static TestUpstream upstream;
    static GatewayServer gateway;

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream();
        gateway = GatewayServer.builder(new GatewaySettings(List.of(Gateways.api(upstream.uri()).build())),
                new TestGuards()).workerThreads(1).build().start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        Content-Length with Transfer-Encoding | POST /echo HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 4\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n
        duplicate equal Content-Length        | POST /echo HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 4\\r\\nContent-Length: 4\\r\\n\\r\\nabcd
        differing Content-Length              | POST /echo HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 4\\r\\nContent-Length: 5\\r\\n\\r\\nabcde
        Content-Length list                   | POST /echo HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 4, 4\\r\\n\\r\\nabcd
        signed Content-Length                 | POST /echo HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: +4\\r\\n\\r\\nabcd
        Transfer-Encoding not only chunked    | POST /echo HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: gzip, chunked\\r\\n\\r\\n0\\r\\n\\r\\n
        Transfer-Encoding twice               | POST /echo HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n
        Transfer-Encoding in HTTP/1.0         | POST /echo HTTP/1.0\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n
        non-hex chunk size                    | POST /echo HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nzz\\r\\nabc\\r\\n0\\r\\n\\r\\n
        chunk size with leading space         | POST /echo HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n 3\\r\\nabc\\r\\n0\\r\\n\\r\\n
        overlong chunk size                   | POST /echo HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n00000000000000003\\r\\nabc\\r\\n0\\r\\n\\r\\n
        quoted chunk extension                | POST /echo HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n3;a="b c"\\r\\nabc\\r\\n0\\r\\n\\r\\n
        chunk longer than its size            | POST /echo HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n3\\r\\nabcd\\r\\n0\\r\\n\\r\\n
        chunk size with bare LF               | POST /echo HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n3\\nabc\\r\\n0\\r\\n\\r\\n
        obs-fold                              | GET /echo HTTP/1.1\\r\\nHost: a\\r\\nX-A: 1\\r\\n  folded\\r\\n\\r\\n
        bare LF line ends                     | GET /echo HTTP/1.1\\nHost: a\\n\\n
        bare CR inside the head               | GET /echo HTTP/1.1\\r\\nHost: a\\rX-B: 1\\r\\n\\r\\n
        space in a header name                | GET /echo HTTP/1.1\\r\\nHost: a\\r\\nBad Name: 1\\r\\n\\r\\n
        space before the colon                | GET /echo HTTP/1.1\\r\\nHost: a\\r\\nContent-Length : 0\\r\\n\\r\\n
        control character in a value          | GET /echo HTTP/1.1\\r\\nHost: a\\r\\nX-A: a\\u0001b\\r\\n\\r\\n
        NUL in a value                        | GET /echo HTTP/1.1\\r\\nHost: a\\r\\nX-A: a\\u0000b\\r\\n\\r\\n
        two Host headers                      | GET /echo HTTP/1.1\\r\\nHost: a\\r\\nHost: b\\r\\n\\r\\n
        no Host in HTTP/1.1                   | GET /echo HTTP/1.1\\r\\nX-A: 1\\r\\n\\r\\n
        Host conflicting with absolute target | GET http://other/echo HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n
        absolute target without a host        | GET http:///echo HTTP/1.1\\r\\nHost: \\r\\n\\r\\n
        absolute target with only a port      | GET http://:80/echo HTTP/1.0\\r\\n\\r\\n
        HTTP/1.0 absolute target, no host     | GET http:// HTTP/1.0\\r\\n\\r\\n
        userinfo in an absolute target        | GET http://user@a/echo HTTP/1.0\\r\\n\\r\\n
        Host with a slash                     | GET /echo HTTP/1.1\\r\\nHost: a/b\\r\\n\\r\\n
        double space in request line          | GET  /echo HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n
        unknown version                       | GET /echo HTTP/1.2\\r\\nHost: a\\r\\n\\r\\n
        empty line before request             | \\r\\nGET /echo HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n
        dot segments above the root           | GET /public/../../admin HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n
        encoded dot segments above the root   | GET /%2e%2e/admin HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n
        encoded backslash                     | GET /public%5cadmin HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n
        broken percent-encoding               | GET /public%zz HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n
        encoded slash                         | GET /public%2Fadmin HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n
        """)
    void refusesAndClosesWithoutForwarding(String name, String escaped) throws Exception {
        String raw = escaped.replace("\\r", "\r").replace("\\n", "\n").replace("\\u0001", "\u0001")
                .replace("\\u0000", "\u0000");
        int forwarded = upstream.requests.get();
        long refused = gateway.rejections().count(HttpReasons.BAD_REQUEST);
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("orders"))) {
            String response = c.send(raw).readUntilClose();
            assertThat(response).as(name).startsWith("HTTP/1.1 400 Bad Request").endsWith("\r\n\r\nBad Request\n")
                    .contains("connection: close");
        }
        assertThat(upstream.requests.get()).as("forwarded").isEqualTo(forwarded);
        assertThat(gateway.rejections().count(HttpReasons.BAD_REQUEST)).isEqualTo(refused + 1);
    }

    @Test
    void acceptsTheSameRequestsWhenWellFormed() throws Exception {
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("orders"))) {
            assertThat(c.send("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;a=b\r\nabc\r\n0\r\n"
                    + "X-Trailer: 1\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200").contains("body=3");
            assertThat(c.send("GET http://a/echo HTTP/1.1\r\nHost: a\r\nX-A: caf\u00e9\r\n\r\n").readResponse())
                    .startsWith("HTTP/1.1 200");
        }
        try (RawClient c = new RawClient("127.0.0.2", gateway.port("orders"))) {
            assertThat(c.send("GET http://a:80/echo HTTP/1.0\r\n\r\n").readUntilClose())
                    .as("HTTP/1.0 may omit Host with an absolute target").startsWith("HTTP/1.1 200");
        }
    }
}
