package io.portcullis.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.portcullis.gateway.wire.HeadWriter;
import io.portcullis.gateway.wire.HeaderBlock;
import io.portcullis.gateway.wire.HeaderNameSet;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The strict upstream response parser on exact bytes: each body framing, the responses without a body, 1xx heads,
 * bytes beyond a response, every grammar violation with its message, and the head's accessors. Every buffer fed
 * is released by the test as the connection handler does; once the recorded parts are released too, each must be
 * freed (the parts are the only references the parser keeps).
 */
class ResponseParserTest {

    private static final String OK_5 = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n";
    private static final String CHUNKED = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";

    private final ResponseParser parser = new ResponseParser();
    private final Recording sink = new Recording();
    private final List<ByteBuf> fed = new ArrayList<>();

    /** Feeds each piece as one buffer, released right after as the connection handler does. */
    private List<String> feed(String... pieces) {
        for (String piece : pieces) {
            fed.add(feed(parser, sink, piece));
        }
        return sink.events;
    }

    /** Feeds {@code piece} as one buffer and releases it; returns the buffer, for checks on its reference count. */
    static ByteBuf feed(ResponseParser parser, ResponseParser.Sink sink, String piece) {
        ByteBuf buf = Unpooled.copiedBuffer(piece, StandardCharsets.ISO_8859_1);
        parser.feed(buf, sink);
        buf.release();
        return buf;
    }

    private List<String> expectAndFeed(String... pieces) {
        parser.expect(false);
        return feed(pieces);
    }

    @AfterEach
    void everyBufferIsFreedOnceThePartsAreReleased() {
        sink.release();
        assertThat(fed).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
    }

    @Test
    void readsAFixedLengthBodyAcrossReads() {
        assertThat(expectAndFeed(OK_5 + "he", "l", "lo")).containsExactly("head 200", "body he", "body l", "end lo");
        assertThat(parser.busy()).isFalse();
        assertThat(parser.failed()).isFalse();
        assertThat(sink.heads.get(0).contentLength()).isEqualTo(5);
        assertThat(sink.heads.get(0).chunked()).isFalse();
    }

    @Test
    void endsAnEmptyFixedBodyWithTheHead() {
        assertThat(expectAndFeed("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")).containsExactly("head 200", "end");
        assertThat(parser.busy()).isFalse();
    }

    @Test
    void bodyPartsAreRetainedSlicesOfTheBufferRead() {
        parser.expect(false);
        ByteBuf buf = feed(parser, sink, OK_5 + "hello");
        fed.add(buf);
        assertThat(buf.refCnt()).as("held by the body part alone").isEqualTo(1);
        buf.setByte(OK_5.length(), 'J');
        assertThat(sink.parts.get(0).content().toString(StandardCharsets.ISO_8859_1)).isEqualTo("Jello");
        sink.release();
        assertThat(buf.refCnt()).isZero();
    }

    @Test
    void servesOneResponseAfterAnotherOnTheSameConnection() {
        expectAndFeed(OK_5 + "hello");
        parser.expect(false);
        feed(CHUNKED + "2\r\nhi\r\n0\r\n\r\n");
        assertThat(sink.events).containsExactly("head 200", "end hello", "head 200", "body hi", "end");
        assertThat(parser.busy()).isFalse();
    }

    @Test
    void refusesASecondRequestWhileAResponseIsOutstanding() {
        parser.expect(false);
        assertThatThrownBy(() -> parser.expect(false)).isInstanceOf(IllegalStateException.class)
                .hasMessage("a response is still outstanding (reading START_LINE)");
    }

    @Test
    void readsChunksWithExtensionsAcrossReads() {
        assertThat(expectAndFeed(CHUNKED + "5;name=value;flag\r\nhel", "lo\r", "\n6\r\n world\r\n0;last\r\n\r\n"))
                .containsExactly("head 200", "body hel", "body lo", "body  world", "end");
        assertThat(sink.heads.get(0).chunked()).isTrue();
        assertThat(sink.heads.get(0).contentLength()).isEqualTo(-1);
        assertThat(parser.busy()).isFalse();
    }

    @Test
    void acceptsChunkedInAnyCaseAndHexSizesInEitherCase() {
        assertThat(expectAndFeed("HTTP/1.1 200 OK\r\ntransfer-encoding: Chunked\r\n\r\nA\r\n0123456789\r\n"
                + "a\r\nabcdefghij\r\n0\r\n\r\n"))
                .as("small chunks read at once come as one part")
                .containsExactly("head 200", "body 0123456789abcdefghij", "end");
    }

    @Test
    void keepsTrailersButDropsFramingNamesAmongThem() {
        assertThat(expectAndFeed(CHUNKED + "2\r\nhi\r\n0\r\nX-Checksum: abc\r\nContent-Length: 2\r\n"
                + "Transfer-Encoding: chunked\r\nTrailer: X-Checksum\r\nx-second:  two \r\n\r\n"))
                .containsExactly("head 200", "body hi", "end [X-Checksum: abc, x-second: two]");
    }

    @Test
    void endsWithoutTrailersWhenEveryTrailerWasAFramingName() {
        expectAndFeed(CHUNKED + "0\r\ncontent-length: 9\r\n\r\n");
        assertThat(sink.events).containsExactly("head 200", "end");
        assertThat(((LastHttpContent) sink.parts.get(0)).trailingHeaders().isEmpty()).isTrue();
    }

    @Test
    void readsABodyUntilTheConnectionCloses() {
        assertThat(expectAndFeed("HTTP/1.1 200 OK\r\nX-A: 1\r\n\r\nabc", "def")).containsExactly("head 200",
                "body abc", "body def");
        assertThat(parser.busy()).isTrue();
        assertThat(parser.closed(sink)).isTrue();
        assertThat(sink.events).endsWith("end");
        assertThat(parser.busy()).isFalse();
    }

    @Test
    void anHttp10ResponseWithoutLengthEndsOnClose() {
        assertThat(expectAndFeed("HTTP/1.0 200 OK\r\n\r\nabc")).containsExactly("head 200", "body abc");
        assertThat(sink.heads.get(0).http10()).isTrue();
        assertThat(parser.closed(sink)).isTrue();
        assertThat(sink.events).containsExactly("head 200", "body abc", "end");
    }

    @Test
    void aCloseBeforeTheEndOfALengthOrChunksCompletesNothing() {
        expectAndFeed(OK_5 + "hel");
        assertThat(parser.closed(sink)).isFalse();
        assertThat(sink.events).containsExactly("head 200", "body hel");

        ResponseParser chunked = new ResponseParser();
        chunked.expect(false);
        assertThat(chunked.closed(sink)).isFalse();
    }

    @Test
    void aHeadRequestsResponseHasNoBodyWhateverItsHeadSays() {
        parser.expect(true);
        assertThat(feed(OK_5)).containsExactly("head 200", "end");
        parser.expect(true);
        assertThat(feed(CHUNKED)).containsExactly("head 200", "end", "head 200", "end");
        assertThat(sink.heads.get(0).contentLength()).isEqualTo(5);
        parser.expect(false);
        feed(OK_5 + "hello");
        assertThat(sink.events).endsWith("head 200", "end hello");
    }

    @Test
    void noContentAndNotModifiedHaveNoBody() {
        assertThat(expectAndFeed("HTTP/1.1 204 No Content\r\nX-A: 1\r\n\r\n")).containsExactly("head 204", "end");
        parser.expect(false);
        feed("HTTP/1.1 304 Not Modified\r\nContent-Length: 100\r\nETag: \"x\"\r\n\r\n");
        assertThat(sink.events).containsExactly("head 204", "end", "head 304", "end");
        assertThat(parser.busy()).isFalse();
    }

    @Test
    void informationalHeadsPrecedeTheFinalResponseInTheSameRead() {
        assertThat(expectAndFeed("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n"
                + OK_5 + "hello")).containsExactly("head 100", "head 103", "head 200", "end hello");
        assertThat(sink.heads.get(0).informational()).isTrue();
        assertThat(sink.heads.get(2).informational()).isFalse();
        assertThat(sink.heads.get(1).headers().size()).isEqualTo(1);
    }

    @Test
    void anInformationalHeadLeavesTheResponseOutstanding() {
        assertThat(expectAndFeed("HTTP/1.1 100 Continue\r\n\r\n")).containsExactly("head 100");
        assertThat(parser.busy()).isTrue();
        feed(OK_5 + "hello");
        assertThat(sink.events).containsExactly("head 100", "head 200", "end hello");
    }

    @Test
    void reportsBytesBeyondAFixedBodyBeforeItsEndAndStops() {
        assertThat(expectAndFeed(OK_5 + "helloHTTP/1.1 200 OK\r\n\r\n", "more")).containsExactly("head 200",
                "excess", "end hello");
        assertThat(parser.failed()).isTrue();
        assertThat(parser.busy()).isFalse();
    }

    @Test
    void reportsBytesBeyondTheLastChunkBeforeItsEnd() {
        assertThat(expectAndFeed(CHUNKED + "2\r\nhi\r\n0\r\nX-T: 1\r\n\r\nX")).containsExactly("head 200", "body hi",
                "excess", "end [X-T: 1]");
        assertThat(parser.failed()).isTrue();
    }

    @Test
    void reportsBytesBeyondABodilessResponseBeforeItsEnd() {
        assertThat(expectAndFeed("HTTP/1.1 204 No Content\r\n\r\nX")).containsExactly("head 204", "excess", "end");
        assertThat(parser.failed()).isTrue();

        ResponseParser head = new ResponseParser();
        head.expect(true);
        fed.add(feed(head, sink, OK_5 + "hello"));
        assertThat(sink.events).endsWith("head 200", "excess", "end");
        assertThat(head.failed()).isTrue();
    }

    @Test
    void bytesWithNoRequestOutstandingAreMalformed() {
        assertThat(feed("HTTP/1.1 200 OK\r\n\r\n")).containsExactly(
                "malformed bytes from the upstream with no request outstanding");
        assertThat(parser.failed()).isTrue();

        ResponseParser afterResponse = new ResponseParser();
        afterResponse.expect(false);
        Recording other = new Recording();
        fed.add(feed(afterResponse, other, OK_5 + "hello"));
        fed.add(feed(afterResponse, other, "x"));
        other.release();
        assertThat(other.events).containsExactly("head 200", "end hello",
                "malformed bytes from the upstream with no request outstanding");
    }

    @Test
    void reportsNothingAfterMalformedInput() {
        expectAndFeed("HTTP/1.1 200 OK\nX: 1\r\n\r\n", OK_5 + "hello");
        assertThat(sink.events).containsExactly("malformed bare LF in a response line");
        assertThat(parser.closed(sink)).isFalse();
        assertThat(sink.events).hasSize(1);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("HTTP/1.1 200 OK\nContent-Length: 0\r\n\r\n", "bare LF in a response line"),
                Arguments.of("HTTP/1.1 200 OK\r\nX-A: 1\n\r\n", "bare LF in a response line"),
                Arguments.of("HTTP/1.1 200 OK\rX-A: 1\r\n\r\n", "bare CR in a response line"),
                Arguments.of("HTTP/1.1 200 OK\r\nX-A: 1\r\n  folded\r\n\r\n",
                        "obs-fold (a header line starting with whitespace)"),
                Arguments.of("HTTP/1.1 200 OK\r\nX-A: 1\r\n\tfolded\r\n\r\n",
                        "obs-fold (a header line starting with whitespace)"),
                Arguments.of("HTTP/1.1 200 OK\r\nX-A: a\u0001b\r\n\r\n", "header value has a control character"),
                Arguments.of("HTTP/1.1 200 OK\r\nX-A: a\u007fb\r\n\r\n", "header value has a control character"),
                Arguments.of("HTTP/1.1 200 OK\r\nX-A : 1\r\n\r\n",
                        "header name is empty, has a non-token character, or has no colon"),
                Arguments.of("HTTP/1.1 200 OK\r\nno colon\r\n\r\n",
                        "header name is empty, has a non-token character, or has no colon"),
                Arguments.of("HTTP/1.1 200 OK\r\n: empty name\r\n\r\n",
                        "header name is empty, has a non-token character, or has no colon"),
                Arguments.of("HTTP/1.1 20 OK\r\n\r\n", "status line is not 'HTTP/1.x NNN reason'"),
                Arguments.of("HTTP/2 200 OK\r\n\r\n", "status line is not 'HTTP/1.x NNN reason'"),
                Arguments.of("HTTP/1.2 200 OK\r\n\r\n", "status line is not 'HTTP/1.x NNN reason'"),
                Arguments.of("http/1.1 200 OK\r\n\r\n", "status line is not 'HTTP/1.x NNN reason'"),
                Arguments.of("HTTP/1.1 200OK\r\n\r\n", "status line is not 'HTTP/1.x NNN reason'"),
                Arguments.of("HTTP/1.1  200 OK\r\n\r\n", "status line is not 'HTTP/1.x NNN reason'"),
                Arguments.of("HTTP/1.1 2x0 OK\r\n\r\n", "status line is not 'HTTP/1.x NNN reason'"),
                Arguments.of("ICY 200 OK\r\n\r\n", "status line is not 'HTTP/1.x NNN reason'"),
                Arguments.of("HTTP/1.1 200 O\u0000K\r\n\r\n", "reason phrase has a control character"),
                Arguments.of("HTTP/1.1 099 Low\r\n\r\n", "status code below 100"),
                Arguments.of("HTTP/1.1 000 Zero\r\n\r\n", "status code below 100"),
                Arguments.of("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n",
                        "101 Switching Protocols, though the gateway never asks to upgrade"),
                Arguments.of("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n",
                        "response has both Content-Length and Transfer-Encoding"),
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n",
                        "response has both Content-Length and Transfer-Encoding"),
                Arguments.of("HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\nContent-Length: 0\r\n\r\n",
                        "response has both Content-Length and Transfer-Encoding"),
                Arguments.of("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n",
                        "response has differing Content-Lengths"),
                Arguments.of("HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\n\r\n",
                        "response Content-Length is not 1 to 18 digits"),
                Arguments.of("HTTP/1.1 200 OK\r\nContent-Length: +2\r\n\r\n",
                        "response Content-Length is not 1 to 18 digits"),
                Arguments.of("HTTP/1.1 200 OK\r\nContent-Length:\r\n\r\n",
                        "response Content-Length is not 1 to 18 digits"),
                Arguments.of("HTTP/1.1 200 OK\r\nContent-Length: 1234567890123456789\r\n\r\n",
                        "response Content-Length is not 1 to 18 digits"),
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
                        "response Transfer-Encoding other than one 'chunked'"),
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
                        "response Transfer-Encoding other than one 'chunked'"),
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
                        "response Transfer-Encoding other than one 'chunked'"),
                Arguments.of(CHUNKED + "zz\r\n", "response chunk size is not hexadecimal"),
                Arguments.of(CHUNKED + "\r\n", "response chunk size is not hexadecimal"),
                Arguments.of(CHUNKED + " 5\r\nhello\r\n", "response chunk size is not hexadecimal"),
                Arguments.of(CHUNKED + "5 \r\nhello\r\n", "response chunk extension is not ';token[=token]'"),
                Arguments.of(CHUNKED + "5;a=\"b\"\r\nhello\r\n", "response chunk extension is not ';token[=token]'"),
                Arguments.of(CHUNKED + "1000000000000000\r\n", "response chunk size longer than 15 hex digits"),
                Arguments.of(CHUNKED + "5\nhello\r\n", "bare LF in a response line"),
                Arguments.of(CHUNKED + "1;" + "e".repeat(1100) + "\r\n", "chunk-size line too long"),
                Arguments.of(CHUNKED + "5\r\nhelloX\r\n0\r\n\r\n", "chunk data not followed by CRLF"),
                Arguments.of(CHUNKED + "5\r\nhello\rX0\r\n\r\n", "chunk data not followed by CRLF"),
                Arguments.of(CHUNKED + "0\r\nX-T : 1\r\n\r\n",
                        "trailer: header name is empty, has a non-token character, or has no colon"),
                Arguments.of(CHUNKED + "0\r\nX-T: " + "t".repeat(70_000) + "\r\n\r\n",
                        "response trailers larger than 65536 bytes"),
                Arguments.of("HTTP/1.1 200 OK\r\nX-Big: " + "b".repeat(70_000) + "\r\n\r\n",
                        "response head larger than 65536 bytes"),
                Arguments.of("HTTP/1.1 200 OK\r\n" + "X-Many: 0123456789\r\n".repeat(4000) + "\r\n",
                        "response head larger than 65536 bytes"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void reportsTheViolationAndStops(String response, String detail) {
        expectAndFeed(response);
        assertThat(sink.events).last().isEqualTo("malformed " + detail);
        assertThat(sink.events).noneMatch(e -> e.startsWith("end") || e.equals("excess"));
        assertThat(parser.failed()).isTrue();
        assertThat(parser.busy()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void reportsTheSameViolationOneByteAtATime(String response, String detail) {
        parser.expect(false);
        for (int i = 0; i < response.length() && !parser.failed(); i++) {
            feed(response.substring(i, i + 1));
        }
        assertThat(sink.events).last().isEqualTo("malformed " + detail);
    }

    @Test
    void acceptsARepeatedIdenticalContentLengthAndKeepsOneLine() {
        assertThat(expectAndFeed("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: 1\r\ncontent-length: 5\r\n\r\nhello"))
                .containsExactly("head 200", "end hello");
        assertThat(Recording.headerLines(sink.heads.get(0).toHttpResponse().headers())).isEqualTo("[Content-Length: 5, X-A: 1]");
    }

    @Test
    void acceptsAHeadJustUnderTheLimit() {
        String head = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Big: "
                + "b".repeat(ResponseParser.MAX_HEAD_BYTES - 100) + "\r\n\r\n";
        assertThat(expectAndFeed(head)).containsExactly("head 200", "end");
    }

    @Test
    void keepsTheChunkLineLimitAfterALongTrailerLine() {
        expectAndFeed(CHUNKED + "0\r\nX-Long: " + "t".repeat(2000) + "\r\n\r\n");
        parser.expect(false);
        feed(CHUNKED + "1;" + "e".repeat(1100) + "\r\nX\r\n0\r\n\r\n");
        assertThat(sink.events.subList(2, sink.events.size())).containsExactly("head 200",
                "malformed chunk-size line too long");
    }

    @Test
    void keepAliveFollowsTheConnectionHeaderAndTheVersion() {
        assertThat(keepAlive("HTTP/1.1 200 OK\r\n")).isTrue();
        assertThat(keepAlive("HTTP/1.1 200 OK\r\nConnection: close\r\n")).isFalse();
        assertThat(keepAlive("HTTP/1.1 200 OK\r\nConnection: X-A, CLOSE\r\n")).isFalse();
        assertThat(keepAlive("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nConnection: close\r\n")).isFalse();
        assertThat(keepAlive("HTTP/1.1 200 OK\r\nConnection: closed\r\n")).isTrue();
        assertThat(keepAlive("HTTP/1.0 200 OK\r\n")).isFalse();
        assertThat(keepAlive("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\n")).isTrue();
        assertThat(keepAlive("HTTP/1.0 200 OK\r\nConnection: keep-alive, close\r\n")).isFalse();
        assertThat(keepAlive("HTTP/1.0 200 OK\r\nKeep-Alive: timeout=5\r\n")).isFalse();
    }

    private boolean keepAlive(String head) {
        return parse(head + "Content-Length: 0\r\n").keepAlive();
    }

    @Test
    void namedByConnectionMeansListedInAnyConnectionHeaderExceptCloseAndKeepAlive() {
        HeaderBlock headers = parse("HTTP/1.1 200 OK\r\nConnection: x-secret , close\r\nX-SECRET: 1\r\n"
                + "X-Public: 2\r\nconnection: keep-alive,X-Other\r\nx-other: 3\r\nKeep-Alive: timeout=5\r\n"
                + "Close: 4\r\n").headers();
        assertThat(IntStream.range(0, headers.size()).mapToObj(headers::namedByConnection))
                .containsExactly(false, true, false, false, true, false, false);
        assertThat(headers.nameIn(5, HeaderNameSet.of("Keep-Alive"))).isTrue();
        assertThat(headers.nameIn(1, HeaderNameSet.of("keep-alive", "x-public"))).isFalse();

        HeaderBlock plain = parse("HTTP/1.1 200 OK\r\nConnection: close\r\nX-A: 1\r\n").headers();
        assertThat(plain.namedByConnection(1)).isFalse();
    }

    @Test
    void writesHeaderLinesAndTheReasonAsTheyArrived() {
        ResponseHead head = parse("HTTP/1.1 404 Not  Found Here\r\nX-Mixed-Case:   spaced value \t\r\nx-empty:\r\n"
                + "X-Obs: caf\u00e9\r\n");
        assertThat(written(head::writeReason)).isEqualTo("Not  Found Here");
        assertThat(written(out -> head.headers().write(0, out))).isEqualTo("X-Mixed-Case: spaced value\r\n");
        assertThat(written(out -> head.headers().write(1, out))).isEqualTo("x-empty: \r\n");
        assertThat(written(out -> head.headers().write(2, out))).isEqualTo("X-Obs: caf\u00e9\r\n");
        assertThat(written(parse("HTTP/1.1 200\r\n")::writeReason)).isEmpty();
        assertThat(written(parse("HTTP/1.1 200 \r\n")::writeReason)).isEmpty();
    }

    @Test
    void convertsToNettysResponseWithTheUpstreamsVersionStatusReasonAndHeadersInOrder() {
        HttpResponse response = parse("HTTP/1.0 503 Busy Now\r\nX-A: 1\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\n")
                .toHttpResponse();
        assertThat(response.protocolVersion()).isEqualTo(HttpVersion.HTTP_1_0);
        assertThat(response.status().code()).isEqualTo(503);
        assertThat(response.status().reasonPhrase()).isEqualTo("Busy Now");
        assertThat(Recording.headerLines(response.headers())).isEqualTo("[X-A: 1, Set-Cookie: a=1, set-cookie: b=2]");
        HttpResponse noReason = parse("HTTP/1.1 404\r\n").toHttpResponse();
        assertThat(noReason.protocolVersion()).isEqualTo(HttpVersion.HTTP_1_1);
        assertThat(noReason.status().reasonPhrase()).isEqualTo("Not Found");
    }

    /** The head of a bodiless response (its head lines without the blank line, which this adds). */
    private ResponseHead parse(String headLines) {
        ResponseParser one = new ResponseParser();
        one.expect(true);
        Recording recording = new Recording();
        fed.add(feed(one, recording, headLines + "\r\n"));
        recording.release();
        assertThat(recording.events).containsExactly("head " + recording.heads.get(0).status(), "end");
        return recording.heads.get(0);
    }

    private static String written(java.util.function.Consumer<HeadWriter> writer) {
        HeadWriter out = new HeadWriter();
        writer.accept(out);
        ByteBuf bytes = out.toBuffer(UnpooledByteBufAllocator.DEFAULT);
        try {
            return bytes.toString(StandardCharsets.ISO_8859_1);
        } finally {
            bytes.release();
        }
    }

    /**
     * Records what the parser reports as text: {@code head STATUS}, {@code body TEXT}, {@code end [TEXT] [TRAILERS]},
     * {@code excess}, {@code malformed DETAIL}; keeps the heads and the parts (released by {@link #release}).
     */
    static final class Recording implements ResponseParser.Sink {

        final List<String> events = new ArrayList<>();
        final List<ResponseHead> heads = new ArrayList<>();
        final List<String> rendered = new ArrayList<>();
        final List<HttpContent> parts = new ArrayList<>();

        @Override
        public void head(ResponseHead head) {
            heads.add(head); // its scalar facts stay valid; its bytes only during this call, hence rendered
            rendered.add(ResponseParserProperties.relayed(head));
            events.add("head " + head.status());
        }

        @Override
        public void content(HttpContent part) {
            parts.add(part);
            String text = part.content().toString(StandardCharsets.ISO_8859_1);
            if (part instanceof LastHttpContent last) {
                HttpHeaders trailers = last.trailingHeaders();
                events.add(("end" + (text.isEmpty() ? "" : " " + text)
                        + (trailers.isEmpty() ? "" : " " + headerLines(trailers))));
            } else {
                events.add("body " + text);
            }
        }

        @Override
        public void excess() {
            events.add("excess");
        }

        @Override
        public void malformed(String detail) {
            events.add("malformed " + detail);
        }

        /** Every body byte reported, in order. */
        byte[] body() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (HttpContent part : parts) {
                ByteBuf content = part.content();
                byte[] bytes = new byte[content.readableBytes()];
                content.getBytes(content.readerIndex(), bytes);
                out.writeBytes(bytes);
            }
            return out.toByteArray();
        }

        void release() {
            parts.forEach(HttpContent::release);
            parts.clear();
        }

        static String headerLines(HttpHeaders headers) {
            return headers.entries().stream().map(e -> e.getKey() + ": " + e.getValue()).toList().toString();
        }
    }
}
