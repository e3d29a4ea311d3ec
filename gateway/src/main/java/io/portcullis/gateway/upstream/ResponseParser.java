package io.portcullis.gateway.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import io.netty.util.ByteProcessor;
import io.portcullis.gateway.wire.ChunkLine;
import io.portcullis.gateway.wire.HeadChars;
import io.portcullis.gateway.wire.HeaderBlock;
import io.portcullis.gateway.wire.HeaderBytes;
import io.portcullis.gateway.wire.HeaderLine;
import io.portcullis.gateway.wire.HeaderNameSet;
import java.util.Arrays;

/**
 * Parses the HTTP/1.x responses of one upstream connection from its bytes, strictly, into a {@link ResponseHead}
 * and body parts.
 *
 * <p>Design: a byte-level state machine (status line, headers, fixed body, chunk-size line, chunk data,
 * trailers, body until close), fed each buffer as it is read. Head lines are copied once into the head's own
 * array (the head keeps it); body bytes are never copied: each part is a retained slice of the buffer read. The
 * grammar is the one the strict request stage enforces, applied to responses: CRLF line ends only, no obs-fold,
 * token names, field-character values, at most one distinct Content-Length of plain digits, Transfer-Encoding
 * exactly {@code chunked} and never with Content-Length, strict chunk-size lines, and a response only while a
 * request is outstanding ({@link #expect}). The body's length follows RFC 9112 section 6.3 (none after HEAD, 1xx,
 * 204 and 304; chunked; Content-Length; else until the connection closes). Anything else is reported as
 * malformed and the parser stops; the connection must then be closed. Not thread-safe: one per connection.
 */
final class ResponseParser {

    /** Receives what the parser finds, in order. */
    interface Sink {
        /** A response head (a 1xx head is followed by another head). */
        void head(ResponseHead head);

        /** A body part; a {@link LastHttpContent} ends the response. */
        void content(HttpContent part);

        /** The upstream sent bytes beyond the response: its connection must not be reused. Comes before the end. */
        void excess();

        /** The response broke the grammar; nothing more will be reported. */
        void malformed(String detail);
    }

    static final int MAX_HEAD_BYTES = 64 * 1024;
    /** Framing headers, which are dropped from trailers. */
    private static final HeaderNameSet TRAILER_FRAMING = HeaderNameSet.of("content-length", "transfer-encoding",
            "trailer");
    private static final HttpHeaders NO_TRAILERS = LastHttpContent.EMPTY_LAST_CONTENT.trailingHeaders();
    private static final int MAX_CHUNK_LINE = 1024;

    private enum State {
        IDLE, STATUS_LINE, HEADER, FIXED, CHUNK_SIZE, CHUNK_DATA, CHUNK_CR, CHUNK_LF, TRAILER, UNTIL_CLOSE, FAILED
    }

    private State state = State.IDLE;
    private boolean headRequest;
    private boolean sawCr;
    private byte[] head = new byte[512];
    private int headLength;
    private int lineStart;
    private final int[] at = new int[3];
    private final HeaderBlock.Builder headers = new HeaderBlock.Builder();
    private int status;
    private int reasonStart;
    private int reasonEnd;
    private boolean http10;
    private int contentLengths;
    private long contentLength;
    private boolean chunked;
    private long remaining;
    private byte[] line = new byte[64];
    private int lineLength;
    private int trailerBytes;
    private DefaultHttpHeaders trailers;

    /** A request was sent: its response is due ({@code headRequest}: the request was HEAD, so no body). */
    void expect(boolean headRequest) {
        if (state != State.IDLE) {
            throw new IllegalStateException("a response is still outstanding (" + state + ")");
        }
        this.headRequest = headRequest;
        startHead();
    }

    /** Whether a response is due or in progress. */
    boolean busy() {
        return state != State.IDLE && state != State.FAILED;
    }

    /** Whether the parser stopped on malformed input. */
    boolean failed() {
        return state == State.FAILED;
    }

    /** Parses one buffer read from the connection (the caller keeps and releases it). */
    void feed(ByteBuf buf, Sink sink) {
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        while (i < end) {
            switch (state) {
                case FAILED -> {
                    return;
                }
                case IDLE -> {
                    fail(sink, "bytes from the upstream with no request outstanding");
                    return;
                }
                case UNTIL_CLOSE -> {
                    sink.content(new DefaultHttpContent(buf.retainedSlice(i, end - i)));
                    return;
                }
                case FIXED, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, end - i);
                    ByteBuf slice = buf.retainedSlice(i, n);
                    i += n;
                    remaining -= n;
                    if (remaining > 0) {
                        sink.content(new DefaultHttpContent(slice));
                    } else if (state == State.CHUNK_DATA) {
                        state = State.CHUNK_CR;
                        sink.content(new DefaultHttpContent(slice));
                    } else {
                        complete(sink, new DefaultLastHttpContent(slice, NO_TRAILERS), i < end);
                        if (i < end) {
                            return;
                        }
                    }
                }
                case CHUNK_CR, CHUNK_LF -> {
                    byte expected = state == State.CHUNK_CR ? (byte) '\r' : (byte) '\n';
                    if (buf.getByte(i++) != expected) {
                        fail(sink, "chunk data not followed by CRLF");
                        return;
                    }
                    state = state == State.CHUNK_CR ? State.CHUNK_LF : State.CHUNK_SIZE;
                }
                default -> {
                    if (!sawCr) {
                        int stop = buf.forEachByte(i, end - i, ByteProcessor.FIND_CRLF);
                        int n = (stop < 0 ? end : stop) - i;
                        if (n > 0) {
                            String violation = append(buf, i, n);
                            if (violation != null) {
                                fail(sink, violation);
                                return;
                            }
                            i += n;
                            continue;
                        }
                    }
                    byte b = buf.getByte(i++);
                    if (sawCr) {
                        sawCr = false;
                        if (b != '\n') {
                            fail(sink, "bare CR in a response line");
                            return;
                        }
                        if (!endLine(sink, i < end)) {
                            return;
                        }
                    } else if (b == '\r') {
                        sawCr = true;
                    } else {
                        fail(sink, "bare LF in a response line");
                        return;
                    }
                }
            }
        }
    }

    /**
     * The connection closed: a body delimited by the close is complete (true, after its end was reported); any
     * other response in progress is not.
     */
    boolean closed(Sink sink) {
        if (state == State.UNTIL_CLOSE) {
            state = State.IDLE;
            sink.content(LastHttpContent.EMPTY_LAST_CONTENT);
            return true;
        }
        return false;
    }

    private void startHead() {
        state = State.STATUS_LINE;
        headLength = 0;
        lineStart = 0;
        headers.clear();
        contentLengths = 0;
        contentLength = -1;
        chunked = false;
        sawCr = false;
    }

    private String append(ByteBuf buf, int from, int n) {
        if (state == State.STATUS_LINE || state == State.HEADER) {
            int needed = headLength + n;
            if (needed > MAX_HEAD_BYTES) {
                return "response head larger than " + MAX_HEAD_BYTES + " bytes";
            }
            if (needed > head.length) {
                head = Arrays.copyOf(head, Math.min(MAX_HEAD_BYTES, Math.max(needed, head.length * 2)));
            }
            buf.getBytes(from, head, headLength, n);
            headLength = needed;
            return null;
        }
        int cap = state == State.CHUNK_SIZE ? MAX_CHUNK_LINE : MAX_HEAD_BYTES;
        int needed = lineLength + n;
        if (state == State.TRAILER && (trailerBytes += n) > MAX_HEAD_BYTES) {
            return "response trailers larger than " + MAX_HEAD_BYTES + " bytes";
        }
        if (needed > cap) {
            return state == State.CHUNK_SIZE ? "chunk-size line too long" : "trailer line too long";
        }
        if (needed > line.length) {
            line = Arrays.copyOf(line, Math.min(cap, Math.max(needed, line.length * 2)));
        }
        buf.getBytes(from, line, lineLength, n);
        lineLength = needed;
        return null;
    }

    /** A line ended; false when parsing must stop for this buffer (failed, or the response ended early). */
    private boolean endLine(Sink sink, boolean more) {
        String violation;
        switch (state) {
            case STATUS_LINE -> violation = statusLine();
            case HEADER -> {
                if (headLength == lineStart) {
                    return endHead(sink, more);
                }
                violation = headerLine();
            }
            case CHUNK_SIZE -> violation = chunkSize(sink);
            case TRAILER -> {
                if (lineLength == 0) {
                    LastHttpContent last = trailers == null ? LastHttpContent.EMPTY_LAST_CONTENT
                            : new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER, trailers);
                    trailers = null;
                    complete(sink, last, more);
                    return !more;
                }
                violation = trailerLine();
            }
            default -> throw new IllegalStateException(state.name());
        }
        if (violation != null) {
            fail(sink, violation);
            return false;
        }
        return true;
    }

    private String statusLine() {
        byte[] b = head;
        int s = lineStart;
        int length = headLength - s;
        if (length < 12 || b[s] != 'H' || b[s + 1] != 'T' || b[s + 2] != 'T' || b[s + 3] != 'P' || b[s + 4] != '/'
                || b[s + 5] != '1' || b[s + 6] != '.' || (b[s + 7] != '1' && b[s + 7] != '0') || b[s + 8] != ' '
                || !digit(b[s + 9]) || !digit(b[s + 10]) || !digit(b[s + 11])
                || (length > 12 && b[s + 12] != ' ')) {
            return "status line is not 'HTTP/1.x NNN reason'";
        }
        for (int i = s + 13; i < headLength; i++) {
            if (!HeadChars.isFieldValue(b[i])) {
                return "reason phrase has a control character";
            }
        }
        http10 = b[s + 7] == '0';
        status = (b[s + 9] - '0') * 100 + (b[s + 10] - '0') * 10 + (b[s + 11] - '0');
        if (status < 100) {
            return "status code below 100";
        }
        reasonStart = Math.min(s + 13, headLength);
        reasonEnd = headLength;
        lineStart = headLength;
        state = State.HEADER;
        return null;
    }

    private String headerLine() {
        byte[] b = head;
        int s = lineStart;
        lineStart = headLength;
        String violation = headers.line(b, s, headLength);
        if (violation != null) {
            return violation;
        }
        int colon = headers.colon();
        int valueStart = headers.valueStart();
        int valueEnd = headers.valueEnd();
        if (HeaderNameSet.matches(b, s, colon, HeaderBytes.CONTENT_LENGTH)) {
            long n = decimal(b, valueStart, valueEnd);
            if (n < 0) {
                return "response Content-Length is not 1 to 18 digits";
            }
            if (contentLengths++ > 0) {
                if (n != contentLength) {
                    return "response has differing Content-Lengths";
                }
                headers.dropLast(); // RFC 9110 §8.6: a repeat may be taken as one; the client gets one line
            }
            contentLength = n;
        } else if (HeaderNameSet.matches(b, s, colon, HeaderBytes.TRANSFER_ENCODING)) {
            if (chunked || !HeaderNameSet.matches(b, valueStart, valueEnd, HeaderBytes.CHUNKED)) {
                return "response Transfer-Encoding other than one 'chunked'";
            }
            chunked = true;
        }
        return null;
    }

    private boolean endHead(Sink sink, boolean more) {
        if (chunked && contentLengths > 0) {
            fail(sink, "response has both Content-Length and Transfer-Encoding");
            return false;
        }
        if (status == 101) {
            fail(sink, "101 Switching Protocols, though the gateway never asks to upgrade");
            return false;
        }
        // The head shares the parser's arrays: it is valid during the sink's head() call, which is all it needs.
        ResponseHead response = new ResponseHead(head, status, reasonStart, reasonEnd, http10,
                headers.view(head), contentLength, chunked);
        if (status < 200) {
            startHead(); // a final response follows
            sink.head(response);
            return true;
        }
        boolean noBody = headRequest || status == 204 || status == 304;
        if (noBody || (!chunked && contentLength == 0)) {
            state = State.IDLE;
            sink.head(response);
            if (state == State.IDLE) {
                complete(sink, LastHttpContent.EMPTY_LAST_CONTENT, more);
            }
            return !more;
        }
        if (chunked) {
            state = State.CHUNK_SIZE;
            lineLength = 0;
            trailerBytes = 0;
        } else if (contentLength > 0) {
            state = State.FIXED;
            remaining = contentLength;
        } else {
            state = State.UNTIL_CLOSE;
        }
        sink.head(response);
        return true;
    }

    private String chunkSize(Sink sink) {
        long size = ChunkLine.size(line, lineLength);
        lineLength = 0;
        if (size < 0) {
            return "response " + ChunkLine.violation(size);
        }
        if (size == 0) {
            state = State.TRAILER;
        } else {
            state = State.CHUNK_DATA;
            remaining = size;
        }
        return null;
    }

    private String trailerLine() {
        byte[] b = line;
        int end = lineLength;
        lineLength = 0;
        String violation = HeaderLine.parse(b, 0, end, at);
        if (violation != null) {
            return "trailer: " + violation;
        }
        int colon = at[HeaderLine.COLON];
        int valueStart = at[HeaderLine.VALUE_START];
        int valueEnd = at[HeaderLine.VALUE_END];
        if (!TRAILER_FRAMING.contains(b, 0, colon)) {
            if (trailers == null) {
                trailers = new DefaultHttpHeaders(false);
            }
            trailers.add(new AsciiString(b, 0, colon, true), new AsciiString(b, valueStart, valueEnd - valueStart, true));
        }
        return null;
    }

    /** The response ended; with bytes after it, the connection is reported as not reusable first. */
    private void complete(Sink sink, LastHttpContent last, boolean more) {
        state = more ? State.FAILED : State.IDLE;
        if (more) {
            sink.excess();
        }
        sink.content(last);
    }

    private void fail(Sink sink, String detail) {
        state = State.FAILED;
        trailers = null;
        sink.malformed(detail);
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** A value of 1 to 18 decimal digits, or -1. */
    private static long decimal(byte[] b, int from, int to) {
        if (to - from < 1 || to - from > 18) {
            return -1;
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            if (!digit(b[i])) {
                return -1;
            }
            n = n * 10 + (b[i] - '0');
        }
        return n;
    }
}
