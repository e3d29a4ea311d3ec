package io.portcullis.gateway.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The framer on its own, under a receiver that reads a header {@code L: n} as a body of n bytes, {@code C: 1} as a
 * chunked body and {@code U: 1} as a body until close: the units it hands on, the CRLF discipline in each leg's
 * wording, both caps, and body parts that are slices of the read.
 */
class MessageFramerTest {

    private static final MessageFramer.Violations WORDING = new MessageFramer.Violations("head too large",
            "trailers too large", "bare CR", "bare LF", "chunk data too long", "leg ");

    private final List<HttpContent> parts = new ArrayList<>();

    @AfterEach
    void releaseParts() {
        parts.forEach(HttpContent::release);
    }

    @Test
    void handsOnHeadLinesBodyPartsAndTrailersInOrder() {
        assertThat(frame(1024, true, "GET / X\r\nA: 1\r\nL: 3\r\n\r\nabcPOST / X\r\nC: 1\r\n\r\n"
                + "2;e=1\r\nhi\r\n0\r\nT: 1\r\n\r\nGET /u X\r\nU: 1\r\n\r\nrest"))
                .containsExactly("started", "start GET / X", "header A: 1", "header L: 3", "head", "end abc",
                        "started", "start POST / X", "header C: 1", "head", "part hi", "trailer T: 1", "end ",
                        "started", "start GET /u X", "header U: 1", "head", "part rest");
    }

    @Test
    void gathersTheDataOfSmallChunksIntoOnePartPerReadAndPassesLargeOnesAsTheyCame() {
        StringBuilder body = new StringBuilder("POST / X\r\nC: 1\r\n\r\n");
        for (int i = 0; i < 500; i++) {
            body.append("1\r\n").append((char) ('a' + i % 26)).append("\r\n");
        }
        String large = "L".repeat(SmallChunks.SMALL);
        body.append(Integer.toHexString(large.length())).append("\r\n").append(large).append("\r\n")
                .append("2\r\nzz\r\n0\r\nT: 1\r\n\r\n");
        List<String> events = frame(1024, true, body.toString());
        List<String> partEvents = events.stream().filter(e -> e.startsWith("part ")).toList();
        assertThat(partEvents).hasSize(3);
        assertThat(partEvents.get(0)).hasSize("part ".length() + 500);
        assertThat(partEvents.get(1)).isEqualTo("part " + large);
        assertThat(partEvents.get(2)).isEqualTo("part zz");
        assertThat(events.subList(events.size() - 2, events.size())).containsExactly("trailer T: 1", "end ");
    }

    @Test
    void handsOnTheSameUnitsWhateverTheReadsAreCutInto() {
        String input = "POST / X\r\nC: 1\r\n\r\n3\r\nabc\r\n0\r\nT: 1\r\n\r\nGET / X\r\nL: 2\r\n\r\nok"
                + "GET / X\rY";
        assertThat(bodiesJoined(frame(1024, true, input.split("")))).isEqualTo(bodiesJoined(frame(1024, true, input)))
                .contains("body abc", "body ok", "violation bare CR");
    }

    /** The events with each message's body parts joined into one "body" event, however the reads cut them. */
    private static List<String> bodiesJoined(List<String> events) {
        List<String> joined = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (String event : events) {
            if (event.startsWith("part ") || event.startsWith("end ")) {
                body.append(event.substring(event.indexOf(' ') + 1));
            }
            if (event.startsWith("end ")) {
                joined.add("body " + body);
                body.setLength(0);
            } else if (!event.startsWith("part ")) {
                joined.add(event);
            }
        }
        return joined;
    }

    @Test
    void refusesLoneLineEndsAndUnterminatedChunkDataInTheLegsWording() {
        assertThat(frame(1024, true, "GET / X\rA: 1\r\n\r\n")).last().isEqualTo("violation bare CR");
        assertThat(frame(1024, true, "GET / X\nA: 1\r\n\r\n")).last().isEqualTo("violation bare LF");
        assertThat(frame(1024, true, "GET / X\r\nC: 1\r\n\r\n2\r\nhiX\r\n")).last()
                .isEqualTo("violation chunk data too long");
        assertThat(frame(1024, true, "GET / X\r\nC: 1\r\n\r\n2\r\nhi\rX")).last()
                .isEqualTo("violation " + MessageFramer.CHUNK_DATA_UNTERMINATED);
        assertThat(frame(1024, true, "GET / X\r\nC: 1\r\n\r\nzz\r\n")).last()
                .isEqualTo("violation leg chunk size is not hexadecimal");
    }

    @Test
    void countsLineEndsAgainstTheHeadCapOnlyWhenAsked() {
        String head = "S 3456789\r\nA: 456789\r\n\r\n"; // 18 bytes of lines, 24 with their line ends
        assertThat(frame(18, false, head)).last().isEqualTo("head");
        assertThat(frame(17, false, head)).last().isEqualTo("violation head too large");
        assertThat(frame(24, true, head)).last().isEqualTo("head");
        assertThat(frame(23, true, head)).last().isEqualTo("violation head too large");
    }

    @Test
    void capsTrailersOnTheirOwn() {
        String message = "S\r\nC: 1\r\n\r\n0\r\nT: 23456789\r\nU: 23456789\r\n\r\n";
        assertThat(frame(24, false, message)).last().isEqualTo("end ");
        assertThat(frame(19, false, message)).last().isEqualTo("violation trailers too large");
    }

    @Test
    void keepsTheChunkLineCapAfterALongTrailerLine() {
        String chunked = "S\r\nC: 1\r\n\r\n";
        assertThat(frame(8192, true, chunked + "0\r\nT: " + "t".repeat(3000) + "\r\n\r\n" + chunked
                + "1;" + "e".repeat(MessageFramer.MAX_CHUNK_LINE) + "\r\n"))
                .last().isEqualTo("violation " + MessageFramer.CHUNK_LINE_TOO_LONG);
    }

    @Test
    void bodyPartsAreRetainedSlicesOfTheRead() {
        MessageFramer framer = new MessageFramer(1024, true, 16, WORDING);
        framer.expectHead();
        ByteBuf read = Unpooled.copiedBuffer("S\r\nL: 5\r\n\r\nabc", StandardCharsets.ISO_8859_1);
        framer.read(read, new Recording(framer, new ArrayList<>()));
        read.release();
        assertThat(read.refCnt()).as("held by the part alone").isEqualTo(1);
        read.setByte(read.writerIndex() - 3, 'A');
        assertThat(parts.get(0).content().toString(StandardCharsets.ISO_8859_1)).isEqualTo("Abc");
        assertThat(framer.reading()).isEqualTo(MessageFramer.Reading.FIXED_BODY);
    }

    @Test
    void handsOverAHeadsArrayAndStartsTheNextInAFreshOne() {
        MessageFramer framer = new MessageFramer(1024, true, 16, WORDING);
        framer.expectHead();
        ByteBuf read = Unpooled.copiedBuffer("GET /a-long-target X\r\n", StandardCharsets.ISO_8859_1);
        framer.read(read, new Recording(framer, new ArrayList<>()));
        read.release();
        assertThat(framer.headBytes()).isEqualTo(22);
        byte[] taken = framer.takeHead();
        assertThat(new String(taken, 0, 20, StandardCharsets.ISO_8859_1)).isEqualTo("GET /a-long-target X");
        assertThat(framer.head()).isNotSameAs(taken).hasSize(20);
    }

    /** Frames the reads with a fresh framer; returns the events, ending with the violation if there is one. */
    private List<String> frame(int maxHeadBytes, boolean countLineEnds, String... reads) {
        MessageFramer framer = new MessageFramer(maxHeadBytes, countLineEnds, 16, WORDING);
        framer.expectHead();
        List<String> events = new ArrayList<>();
        Recording receiver = new Recording(framer, events);
        for (String piece : reads) {
            ByteBuf read = Unpooled.copiedBuffer(piece, StandardCharsets.ISO_8859_1);
            String violation = framer.read(read, receiver);
            read.release();
            if (violation != null) {
                events.add("violation " + violation);
                break;
            }
        }
        return events;
    }

    private final class Recording implements MessageFramer.Receiver {

        private final MessageFramer framer;
        private final List<String> events;
        private char body;
        private int length;

        Recording(MessageFramer framer, List<String> events) {
            this.framer = framer;
            this.events = events;
        }

        @Override
        public void headStarted() {
            events.add("started");
        }

        @Override
        public String startLine(byte[] head, int length) {
            events.add("start " + new String(head, 0, length, StandardCharsets.ISO_8859_1));
            body = 0;
            return null;
        }

        @Override
        public String headerLine(byte[] head, int start, int end) {
            events.add("header " + new String(head, start, end - start, StandardCharsets.ISO_8859_1));
            body = (char) head[start];
            length = head[end - 1] - '0';
            return null;
        }

        @Override
        public String headEnded(boolean more) {
            events.add("head");
            switch (body) {
                case 'L' -> framer.expectFixedBody(length);
                case 'C' -> framer.expectChunkedBody();
                case 'U' -> framer.expectBodyUntilClose();
                default -> framer.expectHead();
            }
            return null;
        }

        @Override
        public void content(HttpContent part) {
            parts.add(part);
            events.add("part " + part.content().toString(StandardCharsets.ISO_8859_1));
        }

        @Override
        public void messageEnded(LastHttpContent last, boolean more) {
            parts.add(last);
            events.add("end " + last.content().toString(StandardCharsets.ISO_8859_1));
            framer.expectHead();
        }

        @Override
        public String trailerLine(byte[] line, int length) {
            events.add("trailer " + new String(line, 0, length, StandardCharsets.ISO_8859_1));
            return null;
        }
    }
}
