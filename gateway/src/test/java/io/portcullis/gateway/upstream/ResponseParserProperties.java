package io.portcullis.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.portcullis.gateway.upstream.ResponseParserTest.Recording;
import io.portcullis.gateway.wire.HeadWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The upstream parser decides on the byte stream, not on how it was cut into reads: for generated valid responses
 * (random status lines and headers, a fixed, chunked or close-delimited body of random bytes, trailers, a 1xx head
 * first, a HEAD request) every split gives the heads, body bytes and end the generator meant; and arbitrary or
 * mutated bytes are only ever reported, never thrown, with nothing after a violation.
 */
class ResponseParserProperties {

    private enum Framing { LENGTH, CHUNKED, UNTIL_CLOSE, NONE }

    /** A response on the wire and what parsing it must report. */
    record Generated(String wire, boolean headRequest, List<String> heads, String body, String end) {}

    /** What the parser reported, summarized independently of how the body was cut into parts. */
    record Outcome(List<String> heads, String body, List<String> ends) {}

    @Provide
    Arbitrary<Generated> responses() {
        Arbitrary<String> informational = Arbitraries.of("", "HTTP/1.1 100 Continue\r\n\r\n",
                "HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\n");
        Arbitrary<Integer> status = Arbitraries.of(200, 201, 203, 206, 299, 404, 500, 599, 204, 304);
        Arbitrary<String> reason = Arbitraries.strings().withChars("abcXYZ -.\u00e9").ofMaxLength(12);
        Arbitrary<List<String>> headers = header("X-H").list().ofMaxSize(8);
        Arbitrary<Framing> framing = Arbitraries.of(Framing.LENGTH, Framing.CHUNKED, Framing.UNTIL_CLOSE);
        Arbitrary<String> body = Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(3000);
        Arbitrary<List<Integer>> chunkSizes = Arbitraries.integers().between(1, 700).list().ofMinSize(1).ofMaxSize(12);
        Arbitrary<List<String>> trailers = header("X-T").list().ofMaxSize(3);
        Arbitrary<Tuple.Tuple4<Boolean, Boolean, Boolean, Boolean>> flags = Combinators.combine(
                Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as(Tuple::of);
        return Combinators.combine(informational, status, reason, headers, framing, body,
                        Combinators.combine(chunkSizes, trailers).as(Tuple::of), flags)
                .as((info, code, text, lines, frame, bytes, chunks, f) -> generate(info, code, text, lines, frame,
                        bytes, chunks.get1(), chunks.get2(), f.get1(), f.get2(), f.get3(), f.get4()));
    }

    /** A header line {@code name: value} with optional whitespace around the value, as "line LF relayed". */
    private static Arbitrary<String> header(String prefix) {
        Arbitrary<String> name = Arbitraries.strings().withChars("abcdefXYZ-_.!#").ofMinLength(1).ofMaxLength(10);
        Arbitrary<String> value = Arbitraries.strings().withCharRange('!', '~').withChars(' ', '\t', '\u00e9')
                .ofMaxLength(30);
        Arbitrary<String> ows = Arbitraries.of("", " ", "  ", "\t");
        return Combinators.combine(name, value, ows, ows).as((n, v, before, after) -> {
            String trimmed = v.replaceAll("^[ \t]+|[ \t]+$", "");
            return prefix + n + ":" + before + trimmed + after + "\n" + prefix + n + ": " + trimmed;
        });
    }

    private static Generated generate(String informational, int status, String reason, List<String> headers,
                                      Framing framing, String body, List<Integer> chunkSizes, List<String> trailers,
                                      boolean http10, boolean headRequest, boolean upperHex, boolean frameTrailer) {
        List<String> heads = new ArrayList<>();
        if (!informational.isEmpty()) {
            heads.add(informational.startsWith("HTTP/1.1 100") ? "HTTP/1.1 100 Continue|"
                    : "HTTP/1.1 103 Early Hints|Link: </s.css>; rel=preload\r\n");
        }
        boolean bodiless = status == 204 || status == 304;
        Framing frame = bodiless ? Framing.NONE : framing;
        StringBuilder wire = new StringBuilder(informational);
        String version = http10 ? "HTTP/1.0 " : "HTTP/1.1 ";
        StringBuilder relayed = new StringBuilder(version).append(status).append(' ').append(reason).append('|');
        wire.append(version).append(status).append(' ').append(reason).append("\r\n");
        for (String header : headers) {
            wire.append(header, 0, header.indexOf('\n')).append("\r\n");
            relayed.append(header.substring(header.indexOf('\n') + 1)).append("\r\n");
        }
        String framingLine = switch (frame) {
            case LENGTH -> "Content-Length: " + body.length();
            case CHUNKED -> "Transfer-Encoding: chunked";
            case UNTIL_CLOSE, NONE -> null;
        };
        if (framingLine != null) {
            wire.append(framingLine).append("\r\n");
            relayed.append(framingLine).append("\r\n");
        }
        wire.append("\r\n");
        heads.add(relayed.toString());
        boolean hasBody = !headRequest && frame != Framing.NONE;
        StringBuilder expectedTrailers = new StringBuilder();
        if (hasBody && frame == Framing.CHUNKED) {
            int at = 0;
            for (int i = 0; at < body.length(); i++) {
                int size = Math.min(chunkSizes.get(i % chunkSizes.size()), body.length() - at);
                String hex = Integer.toHexString(size);
                wire.append(upperHex ? hex.toUpperCase(java.util.Locale.ROOT) : hex).append(i % 3 == 1 ? ";e=1" : "")
                        .append("\r\n").append(body, at, at + size).append("\r\n");
                at += size;
            }
            wire.append("0\r\n");
            for (String trailer : trailers) {
                wire.append(trailer, 0, trailer.indexOf('\n')).append("\r\n");
                expectedTrailers.append(expectedTrailers.length() == 0 ? "" : ", ")
                        .append(trailer.substring(trailer.indexOf('\n') + 1));
            }
            if (frameTrailer) {
                wire.append("Content-Length: 9\r\n");
            }
            wire.append("\r\n");
        } else if (hasBody) {
            wire.append(body);
        }
        String end = expectedTrailers.length() == 0 ? "end" : "end [" + expectedTrailers + "]";
        return new Generated(wire.toString(), headRequest, heads, hasBody ? body : "", end);
    }

    @Property(tries = 500)
    void everySplitGivesTheHeadsBodyAndEndGenerated(@ForAll("responses") Generated response,
                                                   @ForAll @Size(max = 16) List<@IntRange(min = 1) Integer> cuts) {
        assertThat(parse(response.wire(), response.headRequest(), cuts))
                .isEqualTo(new Outcome(response.heads(), response.body(), List.of(response.end())));
    }

    @Property(tries = 100)
    void oneByteAtATimeGivesTheSameAsOneRead(@ForAll("responses") Generated response) {
        List<Integer> everyByte = new ArrayList<>();
        for (int i = 1; i < response.wire().length(); i++) {
            everyByte.add(i);
        }
        assertThat(parse(response.wire(), response.headRequest(), everyByte))
                .isEqualTo(parse(response.wire(), response.headRequest(), List.of()));
    }

    @Provide
    Arbitrary<String> garbage() {
        Arbitrary<String> anyBytes = Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(300);
        Arbitrary<String> nearHttp = Arbitraries.strings()
                .withChars("\r\n\r\n\r\n :;,=\t0123456789aAfFxX-/HTPchunkedCLETl\u0000\u007f\u00e9").ofMaxLength(300)
                .map(tail -> "HTTP/1.1 200 OK\r\n" + tail);
        Arbitrary<String> mutated = Combinators.combine(responses(), Arbitraries.integers().between(0, 100_000),
                        Arbitraries.integers().between(0, 255), Arbitraries.of(0, 1, 2))
                .as((r, at, b, kind) -> mutate(r.wire(), at % (r.wire().length() + 1), (char) b.intValue(), kind));
        return Arbitraries.oneOf(anyBytes, nearHttp, mutated);
    }

    /** Replaces, inserts or deletes one character. */
    private static String mutate(String wire, int at, char c, int kind) {
        return switch (kind) {
            case 0 -> at < wire.length() ? wire.substring(0, at) + c + wire.substring(at + 1) : wire + c;
            case 1 -> wire.substring(0, at) + c + wire.substring(at);
            default -> at < wire.length() ? wire.substring(0, at) + wire.substring(at + 1) : wire;
        };
    }

    @Property(tries = 1000)
    void garbageIsReportedNeverThrownAndNothingFollowsAViolation(
            @ForAll("garbage") String input, @ForAll boolean headRequest,
            @ForAll @Size(max = 8) List<@IntRange(min = 1) Integer> cuts) {
        ResponseParser parser = new ResponseParser();
        Recording sink = new Recording();
        parser.expect(headRequest);
        List<ByteBuf> fed = feed(parser, sink, input, cuts);
        parser.closed(sink);
        sink.release();
        List<String> events = sink.events;
        int malformed = indexOf(events, "malformed ");
        if (malformed >= 0) {
            assertThat(malformed).as("nothing after a violation").isEqualTo(events.size() - 1);
            assertThat(parser.failed()).isTrue();
        }
        int excess = indexOf(events, "excess");
        if (excess >= 0) {
            assertThat(events.get(excess + 1)).startsWith("end");
            assertThat(parser.failed()).isTrue();
        }
        assertThat(events.stream().filter(e -> e.startsWith("end")).count()).isLessThanOrEqualTo(1);
        assertThat(fed).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
    }

    private static int indexOf(List<String> events, String prefix) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    /** What parsing {@code wire} cut at {@code cuts} reported; fails if a buffer fed was not released. */
    static Outcome parse(String wire, boolean headRequest, List<Integer> cuts) {
        ResponseParser parser = new ResponseParser();
        Recording sink = new Recording();
        parser.expect(headRequest);
        List<ByteBuf> fed = feed(parser, sink, wire, cuts);
        parser.closed(sink);
        List<String> heads = sink.rendered; // rendered during the callback: a head is valid only then
        String body = new String(sink.body(), StandardCharsets.ISO_8859_1);
        List<String> ends = new ArrayList<>();
        for (String event : sink.events) {
            if (!event.startsWith("head ") && !event.startsWith("body ")) {
                ends.add(event.startsWith("end") ? end(sink) : event);
            }
        }
        sink.release();
        assertThat(fed).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
        return new Outcome(heads, body, ends);
    }

    /** The end as "end" and its trailers, whatever body bytes its part carried. */
    private static String end(Recording sink) {
        HttpContent last = sink.parts.get(sink.parts.size() - 1);
        var trailers = ((LastHttpContent) last).trailingHeaders();
        return trailers.isEmpty() ? "end" : "end " + Recording.headerLines(trailers);
    }

    /** A head as its version, status, reason, then its header lines as relayed. */
    static String relayed(ResponseHead head) {
        HeadWriter out = new HeadWriter().ascii(head.http10() ? "HTTP/1.0 " : "HTTP/1.1 ").decimal(head.status())
                .put(' ');
        head.writeReason(out);
        out.put('|');
        for (int i = 0; i < head.headers().size(); i++) {
            head.headers().write(i, out);
        }
        ByteBuf bytes = out.toBuffer(UnpooledByteBufAllocator.DEFAULT);
        try {
            return bytes.toString(StandardCharsets.ISO_8859_1);
        } finally {
            bytes.release();
        }
    }

    /** Feeds {@code input} cut at the given points (taken modulo its length), releasing each buffer after. */
    private static List<ByteBuf> feed(ResponseParser parser, Recording sink, String input, List<Integer> cuts) {
        TreeSet<Integer> points = new TreeSet<>();
        for (int cut : cuts) {
            points.add(input.isEmpty() ? 0 : cut % input.length());
        }
        points.add(input.length());
        List<ByteBuf> fed = new ArrayList<>();
        int from = 0;
        for (int to : points) {
            if (to > from) {
                fed.add(ResponseParserTest.feed(parser, sink, input.substring(from, to)));
                from = to;
            }
        }
        return fed;
    }
}
