package io.portcullis.gateway.invariant;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The recording upstream's own parser: RFC 9112 framing, pipelining, and what it calls a violation. */
class UpstreamParserTest {

    private static UpstreamParser.Result parse(String bytes) {
        byte[] b = bytes.getBytes(StandardCharsets.ISO_8859_1);
        return UpstreamParser.parse(b, 0, b.length);
    }

    @Test
    void framesByChunkedThenLengthThenNothing() {
        String chunked = "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n2\r\nde\r\n0\r\n"
                + "T: 1\r\n\r\n";
        String length = "POST /b HTTP/1.1\r\nhost: h\r\ncontent-LENGTH: 2\r\n\r\nxy";
        String none = "GET /c HTTP/1.1\r\nHost: h\r\n\r\n";
        String all = chunked + length + none;
        byte[] b = all.getBytes(StandardCharsets.ISO_8859_1);
        int at = 0;
        for (String[] expected : new String[][] {{"/a", "abcde"}, {"/b", "xy"}, {"/c", ""}}) {
            UpstreamParser.Parsed p = (UpstreamParser.Parsed) UpstreamParser.parse(b, at, b.length);
            assertThat(p.target()).isEqualTo(expected[0]);
            assertThat(new String(p.body(), StandardCharsets.ISO_8859_1)).isEqualTo(expected[1]);
            at += p.consumed();
        }
        assertThat(at).isEqualTo(b.length);
    }

    @Test
    void waitsForTheRestOfAMessage() {
        assertThat(parse("GET /a HTTP/1.1\r\nHost: h\r\n")).isInstanceOf(UpstreamParser.NeedMore.class);
        assertThat(parse("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nabc"))
                .isInstanceOf(UpstreamParser.NeedMore.class);
        assertThat(parse("POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n"))
                .isInstanceOf(UpstreamParser.NeedMore.class);
        assertThat(parse("GET /a HTTP/1.1\r")).isInstanceOf(UpstreamParser.NeedMore.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        bare LF                     | GET /a HTTP/1.1\\nHost: h\\r\\n\\r\\n
        bare CR                     | GET /a HTTP/1.1\\rHost: h\\r\\n\\r\\n
        empty line first            | \\r\\nGET /a HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n
        obs-fold                    | GET /a HTTP/1.1\\r\\nHost: h\\r\\nX: a\\r\\n b\\r\\n\\r\\n
        space before colon          | GET /a HTTP/1.1\\r\\nHost: h\\r\\nX : a\\r\\n\\r\\n
        two equal Content-Lengths   | POST /a HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 1\\r\\nContent-Length: 1\\r\\n\\r\\nx
        leading zeros               | POST /a HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 01\\r\\n\\r\\nx
        signed length               | POST /a HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: +1\\r\\n\\r\\nx
        length and chunked          | POST /a HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n
        gzip, chunked               | POST /a HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: gzip, chunked\\r\\n\\r\\n0\\r\\n\\r\\n
        chunked in HTTP/1.0         | POST /a HTTP/1.0\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n
        no Host                     | GET /a HTTP/1.1\\r\\nX: 1\\r\\n\\r\\n
        two Hosts                   | GET /a HTTP/1.1\\r\\nHost: h\\r\\nHost: i\\r\\n\\r\\n
        absolute target             | GET http://h/a HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n
        quoted chunk extension      | POST /a HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n1;a="b"\\r\\nx\\r\\n0\\r\\n\\r\\n
        chunk longer than its size  | POST /a HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n1\\r\\nxy\\r\\n0\\r\\n\\r\\n
        length in trailers          | POST /a HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\nContent-Length: 5\\r\\n\\r\\n
        control character           | GET /a HTTP/1.1\\r\\nHost: h\\r\\nX: a\\u0001b\\r\\n\\r\\n
        """)
    void callsAViolationWhatUpstreamsReadDifferently(String name, String escaped) {
        String bytes = escaped.replace("\\r", "\r").replace("\\n", "\n").replace("\\u0001", "\u0001");
        assertThat(parse(bytes)).as(name).isInstanceOf(UpstreamParser.Violation.class);
    }
}
