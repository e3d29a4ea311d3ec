package io.portcullis.gateway.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeadWriterTest {

    private static String text(HeadWriter writer) {
        ByteBuf buf = writer.toBuffer(UnpooledByteBufAllocator.DEFAULT);
        try {
            assertThat(buf.readableBytes()).isEqualTo(writer.length());
            return buf.toString(StandardCharsets.ISO_8859_1);
        } finally {
            buf.release();
        }
    }

    @Test
    void writesDecimalNumbers() {
        for (long n : new long[] {0, 7, 10, 99, 200, 404, 1234567890123L, Long.MAX_VALUE}) {
            assertThat(text(new HeadWriter().decimal(n))).isEqualTo(Long.toString(n));
        }
        assertThatThrownBy(() -> new HeadWriter().decimal(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesChunkSizeLinesInLowerCaseHex() {
        assertThat(text(new HeadWriter().chunkSize(0))).isEqualTo("0\r\n");
        assertThat(text(new HeadWriter().chunkSize(10))).isEqualTo("a\r\n");
        assertThat(text(new HeadWriter().chunkSize(65536))).isEqualTo("10000\r\n");
        assertThat(text(new HeadWriter().chunkSize(0xfffffffffL))).isEqualTo("fffffffff\r\n");
    }

    @Test
    void writesRequestLinesAndTheStartOfStatusLines() {
        assertThat(text(new HeadWriter().requestLine("GET", "/a?b=1"))).isEqualTo("GET /a?b=1 HTTP/1.1\r\n");
        assertThat(text(new HeadWriter().statusLineStart(204).crlf())).isEqualTo("HTTP/1.1 204 \r\n");
    }

    @Test
    void writesStringsAndAsciiStringsWithAnOffset() {
        AsciiString window = new AsciiString("xxhost: yy".getBytes(StandardCharsets.US_ASCII), 2, 4, false);
        assertThat(text(new HeadWriter().header(window, "api.example:8443"))).isEqualTo("host: api.example:8443\r\n");
    }

    @Test
    void writesDecodedHeadersInOrder() {
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        headers.add("X-A", "1").add("set-cookie", "a=1").add("Set-Cookie", "b=2");
        assertThat(text(new HeadWriter().headers(headers).crlf()))
                .isEqualTo("X-A: 1\r\nset-cookie: a=1\r\nSet-Cookie: b=2\r\n\r\n");
    }

    @Test
    void growsPastItsFirstArray() {
        String value = "v".repeat(5000);
        assertThat(text(new HeadWriter().header("x-long", value).header("x-b", "2")))
                .isEqualTo("x-long: " + value + "\r\nx-b: 2\r\n");
    }

    @Test
    void theScratchWriterStartsEmptyEachTime() {
        HeadWriter.scratch().ascii("left over");
        HeadWriter again = HeadWriter.scratch();
        assertThat(again.length()).isZero();
        assertThat(text(again.put('a'))).isEqualTo("a");
    }
}
