package io.portcullis.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The strict stage decides on the byte stream, not on how it was cut into reads: any split of the same bytes
 * gives the same verdict (the same violation, or every byte passed on), whichever path (whole lines copied at
 * once, or byte by byte around line ends) each piece takes.
 */
class StrictHttp1ValidatorProperties {

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
                .contains("passed " + INPUTS.get(0).length() + " bytes",
                        "431 request head larger than 1024 bytes",
                        "400 chunk-size line too long",
                        "400 bare CR", "400 bare LF");
    }

    /** The violation as "status detail", or "passed N bytes" when the stage let every byte through. */
    private static String verdict(String input, List<Integer> cuts) {
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        List<Object> events = new ArrayList<>();
        EmbeddedChannel channel = new EmbeddedChannel(new StrictHttp1Validator(MAX_HEAD, Duration.ofSeconds(30)),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                        events.add(event);
                    }
                });
        int passed = 0;
        int from = 0;
        TreeSet<Integer> points = new TreeSet<>(cuts);
        points.add(bytes.length);
        for (int cut : points) {
            int to = Math.min(cut, bytes.length);
            if (to > from) {
                channel.writeInbound(Unpooled.wrappedBuffer(bytes, from, to - from));
                for (ByteBuf b; (b = channel.readInbound()) != null; ) {
                    passed += b.readableBytes();
                    b.release();
                }
                from = to;
            }
            if (!events.isEmpty()) {
                break;
            }
        }
        channel.finishAndReleaseAll();
        if (events.isEmpty()) {
            return "passed " + passed + " bytes";
        }
        ProtocolViolation v = (ProtocolViolation) events.get(0);
        return v.status().code() + " " + v.detail();
    }
}
