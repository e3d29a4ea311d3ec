package io.portcullis.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.portcullis.time.Ticker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The strict decoder decides on the byte stream, not on how it was cut into reads: any split of the same bytes
 * gives the same verdict (the same heads, body bytes and ends, then the same violation or none), whichever path
 * (whole lines copied at once, or byte by byte around line ends) each piece takes.
 */
class Http1RequestDecoderProperties {

    private static final int MAX_HEAD = 1024;
    private static final String LONG_VALUE = "v".repeat(600);

    private static final List<String> INPUTS = List.of(
            "GET /echo HTTP/1.1\r\nHost: a\r\nX-Long: " + LONG_VALUE + "\r\n\r\n",
            "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;a=b\r\nabc\r\n0\r\nX-T: 1\r\n\r\n"
                    + "GET /next HTTP/1.1\r\nHost: a\r\n\r\n",
            "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"
                    + "GET /x HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET /echo HTTP/1.1\r\nHost: a\r\nX-Huge: " + "h".repeat(MAX_HEAD) + "\r\n\r\n",
            "GET /echo HTTP/1.1\r\nHost: a\rX-B: 1\r\n\r\n",
            "GET /echo HTTP/1.1\nHost: a\n\n",
            "GET /echo HTTP/1.1\r\nHost: a\r\nX-A: 1\r\n  folded\r\n\r\n",
            "GET /echo HTTP/1.1\r\nHost: a\r\nX-A: a\u0001b\r\n\r\n",
            "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n",
            "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + "1".repeat(1100) + "\r\n",
            "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n",
            "GET /echo HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");

    @Provide
    Arbitrary<String> inputs() {
        return Arbitraries.of(INPUTS);
    }

    @Property(tries = 400)
    void theVerdictDoesNotDependOnHowTheBytesArrive(@ForAll("inputs") String input,
                                                   @ForAll @Size(max = 12) List<@IntRange(min = 1, max = 1400) Integer> cuts) {
        assertThat(verdict(input, cuts)).isEqualTo(verdict(input, List.of()));
    }

    /** Well-formed requests of every shape the decoder accepts: methods, target forms, versions, headers, bodies. */
    @Provide
    Arbitrary<String> wellFormed() {
        Arbitrary<String> method = Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "X-CUSTOM!");
        Arbitrary<String> path = Arbitraries.strings().withChars("abcXYZ019-._~%!$&'()*+,;=:@").ofMinLength(1)
                .ofMaxLength(8).filter(seg -> !seg.startsWith(".") && !seg.contains("%")).list().ofMaxSize(4)
                .map(segs -> "/" + String.join("/", segs));
        Arbitrary<String> query = Arbitraries.of("", "?a=1", "?a=1&b=%20x", "?/x?y");
        Arbitrary<Boolean> absolute = Arbitraries.of(false, true);
        Arbitrary<Boolean> http10 = Arbitraries.of(false, true);
        Arbitrary<String> name = Arbitraries.of("X-A", "x-b", "Accept", "Cookie", "Authorization", "Connection",
                "Keep-Alive", "TE", "Upgrade", "Proxy-Connection", "X-Forwarded-For", "Forwarded", "X-Real-Ip",
                "Expect", "X-Request-Id", "Trailer", "!#$%&'*+-.^_`|~09az");
        Arbitrary<String> value = Arbitraries.strings().withCharRange('!', '~').withChars(' ', '\t', '\u00e9')
                .ofMaxLength(16).map(String::strip);
        Arbitrary<List<String>> headers = Combinators.combine(name, value).as((n, v) -> n + ": " + v).list()
                .ofMaxSize(6);
        Arbitrary<Integer> framing = Arbitraries.integers().between(0, 2); // none, Content-Length, chunked
        Arbitrary<String> body = Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(40);
        return Combinators.combine(method, path, query, absolute, http10, headers, framing, body)
                .as((m, p, q, abs, old, lines, frame, b) -> {
                    StringBuilder r = new StringBuilder(m).append(' ').append(abs ? "http://api.internal" : "")
                            .append(p).append(q).append(old ? " HTTP/1.0\r\n" : " HTTP/1.1\r\n");
                    if (!old || abs) {
                        r.append("Host: api.internal\r\n");
                    }
                    for (String line : lines) {
                        String lower = line.toLowerCase(java.util.Locale.ROOT);
                        if (!lower.startsWith("expect:") || lower.equals("expect: 100-continue")) {
                            r.append(line).append("\r\n");
                        }
                    }
                    int f = old && frame == 2 ? 1 : frame;
                    if (f == 1) {
                        r.append("Content-Length: ").append(b.length()).append("\r\n\r\n").append(b);
                    } else if (f == 2) {
                        r.append("Transfer-Encoding: chunked\r\n\r\n");
                        if (!b.isEmpty()) {
                            r.append(Integer.toHexString(b.length())).append("\r\n").append(b).append("\r\n");
                        }
                        r.append("0\r\n\r\n");
                    } else {
                        r.append("\r\n");
                    }
                    return r.toString();
                });
    }

    @Property(tries = 500)
    void everyWellFormedRequestIsAcceptedAndItsUpstreamHeadIsCanonical(@ForAll("wellFormed") String request) {
        assertThat(verdict(request, List.of())).as(request).doesNotMatch("(?s).*; \\d{3} .*|^\\d{3} .*");
        assertThat(UpstreamHeads.firstNonCanonical(request, MAX_HEAD)).as(request).isNull();
    }

    @Test
    void theHeadSentUpstreamForEachInputIsCanonical() {
        for (String input : INPUTS) {
            assertThat(UpstreamHeads.firstNonCanonical(input, MAX_HEAD)).as(input).isNull();
        }
    }

    @Test
    void oneByteAtATimeGivesTheSameVerdicts() {
        for (String input : INPUTS) {
            List<Integer> everyByte = new ArrayList<>();
            for (int i = 1; i < input.length(); i++) {
                everyByte.add(i);
            }
            assertThat(verdict(input, everyByte)).as(input).isEqualTo(verdict(input, List.of()));
        }
    }

    @Test
    void theInputsCoverBothOutcomes() {
        assertThat(INPUTS.stream().map(i -> verdict(i, List.of())))
                .contains("GET /echo HTTP/1.1 [X-Long]; end",
                        "POST /echo HTTP/1.1 [Transfer-Encoding]; body 3; end; GET /next HTTP/1.1 []; end",
                        "POST /echo HTTP/1.1 [Content-Length]; body 5; end; GET /x HTTP/1.1 []; end",
                        "431 request head larger than 1024 bytes",
                        "POST /echo HTTP/1.1 [Transfer-Encoding]; 400 chunk-size line too long",
                        "400 bare CR", "400 bare LF");
    }

    /**
     * What the decoder emitted (each head as method, target, version and its header names other than Host; body
     * bytes summed between heads and ends), then the violation as "status detail", if any. Every buffer fed must
     * have been released by then (the decoder owns what it reads; the parts handed on are released here).
     */
    static String verdict(String input, List<Integer> cuts) {
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        List<Object> events = new ArrayList<>();
        List<String> emitted = new ArrayList<>();
        long[] body = {0};
        EmbeddedChannel channel = new EmbeddedChannel(
                new Http1RequestDecoder(MAX_HEAD, Duration.ofSeconds(30), Ticker.system()),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        if (msg instanceof Http1Request request) {
                            List<String> names = new ArrayList<>(request.headers().names());
                            names.removeIf(n -> n.equalsIgnoreCase("host"));
                            emitted.add(request.method() + " " + request.uri() + " " + request.protocol() + " " + names);
                            return;
                        }
                        HttpContent part = (HttpContent) msg;
                        body[0] += part.content().readableBytes();
                        if (part instanceof LastHttpContent) {
                            if (body[0] > 0) {
                                emitted.add("body " + body[0]);
                            }
                            body[0] = 0;
                            emitted.add("end");
                        }
                        part.release();
                    }

                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                        events.add(event);
                    }
                });
        int from = 0;
        TreeSet<Integer> points = new TreeSet<>(cuts);
        points.add(bytes.length);
        List<ByteBuf> fed = new ArrayList<>();
        for (int cut : points) {
            int to = Math.min(cut, bytes.length);
            if (to > from) {
                ByteBuf piece = Unpooled.wrappedBuffer(bytes, from, to - from);
                fed.add(piece);
                channel.writeInbound(piece);
                from = to;
            }
            if (!events.isEmpty()) {
                break;
            }
        }
        channel.finishAndReleaseAll();
        assertThat(fed).as("buffers fed are released").allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
        if (body[0] > 0) {
            emitted.add("body " + body[0]);
        }
        if (!events.isEmpty()) {
            ProtocolViolation v = (ProtocolViolation) events.get(0);
            emitted.add(v.status().code() + " " + v.detail());
        }
        return String.join("; ", emitted);
    }
}
