package io.portcullis.gateway.wire;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.Arrays;

/**
 * Cuts one connection's HTTP/1.1 bytes into the units a strict parser judges: head lines, chunk-size lines,
 * trailer lines and body parts. The client leg's request decoder and the upstream leg's response parser each
 * drive one, so the framing rules that keep two parsers from disagreeing about where a message ends are written,
 * and fixed, once.
 *
 * <p>It owns:
 * <ul>
 * <li>lines: a line's bytes up to its CR or LF are found with one {@link LineEnds} search (eight bytes at a time) and
 *     copied at once, head lines into the head's own array (which a parser may keep, {@link #takeHead}),
 *     chunk-size and trailer lines into a small reused one; per-byte work is only that search;
 * <li>the CRLF discipline: a line ends only with CR LF, and chunk data is followed by exactly CR LF;
 * <li>the caps: a head, and a chunked body's trailers, hold at most {@code maxHeadBytes} (with or without their
 *     line ends, as each leg has always counted), a chunk-size line at most 1024 bytes; both are checked on every
 *     append, not only when an array grows (a long trailer line may have grown the line array past the
 *     chunk-size cap);
 * <li>body parts: retained slices of the buffer read (fixed-length, chunk data, or until close); the data of small
 *     chunks is the one exception: copied into one part per read ({@link SmallChunks}), so a body sent in 1-byte
 *     chunks costs per byte about what one sent in large chunks does, not a part, an event and three writes
 *     upstream per byte.
 * </ul>
 *
 * <p>What a line means (request or status line, header facts, trailers kept or dropped), what follows a head and
 * how a violation is reported stay with the parser: the framer hands each completed unit to its {@link Receiver},
 * which says what to read next ({@code expect...}, or {@link #stop}); {@link Violations} holds the wording the
 * two legs differ in. Nothing is allocated per byte or per line beyond the body parts handed on. Not thread-safe:
 * one per connection, on its event loop.
 */
public final class MessageFramer {

    /** The longest chunk-size line, extensions included. */
    static final int MAX_CHUNK_LINE = 1024;
    static final String CHUNK_LINE_TOO_LONG = "chunk-size line too long";
    static final String CHUNK_DATA_UNTERMINATED = "chunk data not followed by CRLF";
    private static final HttpHeaders NO_TRAILERS = LastHttpContent.EMPTY_LAST_CONTENT.trailingHeaders();

    /** What the framer reads next. */
    public enum Reading {
        START_LINE, HEADER, FIXED_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_CR, CHUNK_LF, TRAILER, UNTIL_CLOSE,
        /** Nothing: between messages, or stopped; the parser decides what bytes mean now. */
        NOTHING
    }

    /**
     * The violations each leg words its own way (the client leg answers with them, the upstream leg logs them).
     * {@code chunkDataTooLong} is reported when chunk data is followed by something other than CR;
     * {@code chunkSizePrefix} goes before {@link ChunkLine#violation}.
     */
    public record Violations(String headTooLarge, String trailersTooLarge, String bareCr, String bareLf,
                             String chunkDataTooLong, String chunkSizePrefix) {}

    /**
     * The parser a framer hands its units to, in order. A method that returns a String returns the violation that
     * stops the read, or {@code null} to go on; {@code more} says whether bytes follow in the same read.
     */
    public interface Receiver {
        /** The first counted byte of a head arrived (the client leg starts its header-read timer here). */
        default void headStarted() {
        }

        /** The start line, {@code head[0, length)}. */
        String startLine(byte[] head, int length);

        /** A header line, {@code head[start, end)}. */
        String headerLine(byte[] head, int start, int end);

        /** The empty line that ends a head: the receiver says what to read next, or the framer stops. */
        String headEnded(boolean more);

        /** A body part that does not end the message. */
        void content(HttpContent part);

        /**
         * The message ended: {@code last} ends a fixed-length body, or is {@link LastHttpContent#EMPTY_LAST_CONTENT}
         * after a chunked body's trailers. The receiver says what to read next, or the framer stops.
         */
        void messageEnded(LastHttpContent last, boolean more);

        /** A trailer line, {@code line[0, length)}. */
        String trailerLine(byte[] line, int length);
    }

    private final int maxHeadBytes;
    private final boolean countLineEnds;
    private final int firstHeadCapacity;
    private final Violations violations;
    private Reading reading = Reading.NOTHING;
    private byte[] head;
    private int headLength;
    private int lineStart;
    private byte[] line = new byte[64];
    private int lineLength;
    private boolean sawCr;
    private int sectionBytes;
    private long remaining;
    private final SmallChunks smallChunks = new SmallChunks();

    /**
     * A framer whose heads and trailers hold at most {@code maxHeadBytes}, counting their CR and LF bytes too when
     * {@code countLineEnds}; the first head array holds {@code firstHeadCapacity} bytes and grows as needed.
     */
    public MessageFramer(int maxHeadBytes, boolean countLineEnds, int firstHeadCapacity, Violations violations) {
        this.maxHeadBytes = maxHeadBytes;
        this.countLineEnds = countLineEnds;
        this.firstHeadCapacity = firstHeadCapacity;
        this.violations = violations;
        this.head = new byte[firstHeadCapacity];
    }

    /** Frames one buffer read (the caller keeps and releases it); returns the violation that stopped it, or null. */
    public String read(ByteBuf buf, Receiver receiver) {
        String violation = units(buf, receiver);
        smallChunks.flush(receiver); // what the read completed comes before what stopped it
        return violation;
    }

    private String units(ByteBuf buf, Receiver receiver) {
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        while (i < end) {
            switch (reading) {
                case NOTHING -> {
                    return null;
                }
                case UNTIL_CLOSE -> {
                    receiver.content(new DefaultHttpContent(buf.retainedSlice(i, end - i)));
                    return null;
                }
                case FIXED_BODY, CHUNK_DATA -> i = body(buf, i, end, receiver);
                case CHUNK_CR, CHUNK_LF -> {
                    String violation = afterChunkData(buf.getByte(i++));
                    if (violation != null) {
                        return violation;
                    }
                }
                default -> {
                    if (!sawCr) {
                        // Inside a line: take everything up to the next CR or LF in one copy; the line is checked
                        // whole at its end, so per-byte work is only the search.
                        int stop = LineEnds.find(buf, i, end);
                        int n = (stop < 0 ? end : stop) - i;
                        if (n > 0) {
                            String violation = append(buf, i, n, receiver);
                            if (violation != null) {
                                return violation;
                            }
                            i += n;
                            continue;
                        }
                    }
                    byte b = buf.getByte(i++);
                    String violation = lineEnd(b, receiver, i < end);
                    if (violation != null) {
                        return violation;
                    }
                }
            }
        }
        return null;
    }

    /** How many pieces of chunk data under {@link SmallChunks#SMALL} bytes were read since the last call. */
    public int takeSmallChunkCount() {
        return smallChunks.takeCount();
    }

    /** What the framer reads next. */
    public Reading reading() {
        return reading;
    }

    /** The current head's bytes: its lines without their line ends (valid until the next head starts). */
    public byte[] head() {
        return head;
    }

    /** The bytes the current head has counted against its cap so far. */
    public int headBytes() {
        return sectionBytes;
    }

    /**
     * Hands over the current head's array for the caller to keep; the next head starts in a new one as large as
     * this head was.
     */
    public byte[] takeHead() {
        byte[] taken = head;
        head = new byte[Math.min(maxHeadBytes, Math.max(firstHeadCapacity, headLength))];
        headLength = 0;
        lineStart = 0;
        return taken;
    }

    /** A head comes next: its start line, then header lines up to an empty line. */
    public void expectHead() {
        reading = Reading.START_LINE;
        headLength = 0;
        lineStart = 0;
        sectionBytes = 0;
        sawCr = false;
    }

    /** A body of {@code length} (more than 0) bytes comes next. */
    public void expectFixedBody(long length) {
        reading = Reading.FIXED_BODY;
        remaining = length;
    }

    /** A chunked body comes next: chunks, the last chunk, trailers. */
    public void expectChunkedBody() {
        reading = Reading.CHUNK_SIZE;
        lineLength = 0;
    }

    /** Every byte from here to the connection's close is body. */
    public void expectBodyUntilClose() {
        reading = Reading.UNTIL_CLOSE;
    }

    /** Nothing is read until the parser says what comes next. */
    public void stop() {
        reading = Reading.NOTHING;
    }

    private int body(ByteBuf buf, int i, int end, Receiver receiver) {
        int n = (int) Math.min(remaining, end - i);
        remaining -= n;
        if (reading == Reading.CHUNK_DATA) {
            if (remaining == 0) {
                reading = Reading.CHUNK_CR;
            }
            smallChunks.add(buf, i, n, receiver);
            return i + n;
        }
        ByteBuf slice = buf.retainedSlice(i, n);
        if (remaining > 0) {
            receiver.content(new DefaultHttpContent(slice));
        } else {
            reading = Reading.NOTHING;
            receiver.messageEnded(new DefaultLastHttpContent(slice, NO_TRAILERS), i + n < end);
        }
        return i + n;
    }

    private String afterChunkData(byte b) {
        if (reading == Reading.CHUNK_CR) {
            reading = Reading.CHUNK_LF;
            return b == '\r' ? null : violations.chunkDataTooLong();
        }
        reading = Reading.CHUNK_SIZE;
        return b == '\n' ? null : CHUNK_DATA_UNTERMINATED;
    }

    /** Appends {@code n} bytes (none of them CR or LF) to the current line, as {@link #lineEnd} would one by one. */
    private String append(ByteBuf buf, int from, int n, Receiver receiver) {
        if (reading == Reading.CHUNK_SIZE) {
            // Checked on every append, not only when the array grows: a long trailer line may have grown it.
            if (lineLength + n > MAX_CHUNK_LINE) {
                return CHUNK_LINE_TOO_LONG;
            }
            copyToLine(buf, from, n, MAX_CHUNK_LINE);
            return null;
        }
        String violation = count(n, receiver);
        if (violation != null) {
            return violation;
        }
        if (reading == Reading.TRAILER) {
            copyToLine(buf, from, n, maxHeadBytes); // a trailer line is within its counted trailers
            return null;
        }
        int needed = headLength + n;
        if (needed > head.length) {
            head = Arrays.copyOf(head, Math.min(maxHeadBytes, Math.max(needed, head.length * 2)));
        }
        buf.getBytes(from, head, headLength, n);
        headLength = needed;
        return null;
    }

    private void copyToLine(ByteBuf buf, int from, int n, int cap) {
        int needed = lineLength + n;
        if (needed > line.length) {
            line = Arrays.copyOf(line, Math.min(cap, Math.max(needed, line.length * 2)));
        }
        buf.getBytes(from, line, lineLength, n);
        lineLength = needed;
    }

    /** Counts {@code n} more bytes of a head or of trailers against the cap. */
    private String count(int n, Receiver receiver) {
        if (sectionBytes == 0 && reading == Reading.START_LINE) {
            receiver.headStarted();
        }
        sectionBytes += n;
        if (sectionBytes <= maxHeadBytes) {
            return null;
        }
        return reading == Reading.TRAILER ? violations.trailersTooLarge() : violations.headTooLarge();
    }

    /** A CR or LF in a line, or the byte after a CR. */
    private String lineEnd(byte b, Receiver receiver, boolean more) {
        if (countLineEnds && reading != Reading.CHUNK_SIZE) {
            String violation = count(1, receiver);
            if (violation != null) {
                return violation;
            }
        }
        if (sawCr) {
            sawCr = false;
            return b == '\n' ? endLine(receiver, more) : violations.bareCr();
        }
        if (b == '\r') {
            sawCr = true;
            return null;
        }
        return violations.bareLf();
    }

    private String endLine(Receiver receiver, boolean more) {
        switch (reading) {
            case START_LINE -> {
                String violation = receiver.startLine(head, headLength);
                if (violation == null) {
                    lineStart = headLength;
                    reading = Reading.HEADER;
                }
                return violation;
            }
            case HEADER -> {
                if (headLength == lineStart) {
                    reading = Reading.NOTHING;
                    return receiver.headEnded(more);
                }
                int start = lineStart;
                lineStart = headLength;
                return receiver.headerLine(head, start, headLength);
            }
            case CHUNK_SIZE -> {
                String violation = chunkSize();
                if (reading == Reading.TRAILER) {
                    smallChunks.flush(receiver); // the last chunk: the data comes before any trailer
                }
                return violation;
            }
            case TRAILER -> {
                int length = lineLength;
                lineLength = 0;
                if (length > 0) {
                    return receiver.trailerLine(line, length);
                }
                reading = Reading.NOTHING;
                receiver.messageEnded(LastHttpContent.EMPTY_LAST_CONTENT, more);
                return null;
            }
            default -> throw new IllegalStateException(reading.name());
        }
    }

    private String chunkSize() {
        long size = ChunkLine.size(line, lineLength);
        lineLength = 0;
        if (size < 0) {
            return violations.chunkSizePrefix() + ChunkLine.violation(size);
        }
        if (size == 0) {
            reading = Reading.TRAILER;
            sectionBytes = 0;
        } else {
            reading = Reading.CHUNK_DATA;
            remaining = size;
        }
        return null;
    }
}
