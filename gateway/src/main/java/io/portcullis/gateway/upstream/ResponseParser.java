package io.portcullis.gateway.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import io.portcullis.gateway.wire.HeadChars;
import io.portcullis.gateway.wire.HeaderBlock;
import io.portcullis.gateway.wire.HeaderBytes;
import io.portcullis.gateway.wire.HeaderLine;
import io.portcullis.gateway.wire.HeaderNameSet;
import io.portcullis.gateway.wire.MessageFramer;

/**
 * Parses the HTTP/1.x responses of one upstream connection from its bytes, strictly, into a {@link ResponseHead}
 * and body parts.
 *
 * <p>Design: fed each buffer as it is read, a {@link MessageFramer} (the one the request decoder uses) cuts the
 * bytes into the status line, header lines, chunk-size and trailer lines and body parts (retained slices of the
 * buffer read, never copies), holding the CRLF discipline and the size caps; this parser judges each line and
 * says what follows a head. The head's lines stay in the framer's array, which the head shares. The grammar is
 * the one the strict request stage enforces, applied to responses: CRLF line ends only, no obs-fold, token names,
 * field-character values, at most one distinct Content-Length of plain digits, Transfer-Encoding exactly
 * {@code chunked} and never with Content-Length, strict chunk-size lines, and a response only while a request is
 * outstanding ({@link #expect}). The body's length follows RFC 9112 section 6.3 (none after HEAD, 1xx, 204 and
 * 304; chunked; Content-Length; else until the connection closes). Anything else is reported as malformed and
 * the parser stops; the connection must then be closed. Not thread-safe: one per connection.
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
    private static final MessageFramer.Violations VIOLATIONS = new MessageFramer.Violations(
            "response head larger than " + MAX_HEAD_BYTES + " bytes",
            "response trailers larger than " + MAX_HEAD_BYTES + " bytes",
            "bare CR in a response line", "bare LF in a response line", "chunk data not followed by CRLF", "response ");

    private final MessageFramer framer = new MessageFramer(MAX_HEAD_BYTES, false, 512, VIOLATIONS);
    private final Lines lines = new Lines();
    private Sink sink;
    private boolean failed;
    private boolean headRequest;
    private final int[] at = new int[3];
    private final HeaderBlock.Builder headers = new HeaderBlock.Builder();
    private int status;
    private int reasonStart;
    private int reasonEnd;
    private boolean http10;
    private int contentLengths;
    private long contentLength;
    private boolean chunked;
    private DefaultHttpHeaders trailers;

    /** A request was sent: its response is due ({@code headRequest}: the request was HEAD, so no body). */
    void expect(boolean headRequest) {
        if (!idle()) {
            throw new IllegalStateException("a response is still outstanding ("
                    + (failed ? "failed" : "reading " + framer.reading()) + ")");
        }
        this.headRequest = headRequest;
        startHead();
    }

    /** Whether a response is due or in progress. */
    boolean busy() {
        return !failed && framer.reading() != MessageFramer.Reading.NOTHING;
    }

    /** Whether the parser stopped on malformed input. */
    boolean failed() {
        return failed;
    }

    /** Parses one buffer read from the connection (the caller keeps and releases it). */
    void feed(ByteBuf buf, Sink sink) {
        if (failed || !buf.isReadable()) {
            return;
        }
        if (idle()) {
            fail(sink, "bytes from the upstream with no request outstanding");
            return;
        }
        this.sink = sink;
        String violation = framer.read(buf, lines);
        if (violation != null) {
            fail(sink, violation);
        }
    }

    /**
     * The connection closed: a body delimited by the close is complete (true, after its end was reported); any
     * other response in progress is not.
     */
    boolean closed(Sink sink) {
        if (framer.reading() == MessageFramer.Reading.UNTIL_CLOSE) {
            framer.stop();
            sink.content(LastHttpContent.EMPTY_LAST_CONTENT);
            return true;
        }
        return false;
    }

    private boolean idle() {
        return !failed && framer.reading() == MessageFramer.Reading.NOTHING;
    }

    private void startHead() {
        framer.expectHead();
        headers.clear();
        contentLengths = 0;
        contentLength = -1;
        chunked = false;
    }

    /** The response's grammar and what follows each head, applied to what the framer finds. */
    private final class Lines implements MessageFramer.Receiver {

        @Override
        public String startLine(byte[] b, int length) {
            if (length < 12 || b[0] != 'H' || b[1] != 'T' || b[2] != 'T' || b[3] != 'P' || b[4] != '/'
                    || b[5] != '1' || b[6] != '.' || (b[7] != '1' && b[7] != '0') || b[8] != ' '
                    || !digit(b[9]) || !digit(b[10]) || !digit(b[11]) || (length > 12 && b[12] != ' ')) {
                return "status line is not 'HTTP/1.x NNN reason'";
            }
            for (int i = 13; i < length; i++) {
                if (!HeadChars.isFieldValue(b[i])) {
                    return "reason phrase has a control character";
                }
            }
            http10 = b[7] == '0';
            status = (b[9] - '0') * 100 + (b[10] - '0') * 10 + (b[11] - '0');
            if (status < 100) {
                return "status code below 100";
            }
            reasonStart = Math.min(13, length);
            reasonEnd = length;
            return null;
        }

        @Override
        public String headerLine(byte[] b, int s, int end) {
            String violation = headers.line(b, s, end);
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

        @Override
        public String headEnded(boolean more) {
            if (chunked && contentLengths > 0) {
                return "response has both Content-Length and Transfer-Encoding";
            }
            if (status == 101) {
                return "101 Switching Protocols, though the gateway never asks to upgrade";
            }
            // The head shares the parser's arrays: it is valid during the sink's head() call, which is all it needs.
            byte[] head = framer.head();
            ResponseHead response = new ResponseHead(head, status, reasonStart, reasonEnd, http10,
                    headers.view(head), contentLength, chunked);
            if (status < 200) {
                startHead(); // a final response follows
                sink.head(response);
                return null;
            }
            boolean noBody = headRequest || status == 204 || status == 304;
            if (noBody || (!chunked && contentLength == 0)) {
                sink.head(response); // the framer stopped at the head's end: idle
                if (idle()) {
                    complete(LastHttpContent.EMPTY_LAST_CONTENT, more);
                }
                return null;
            }
            if (chunked) {
                framer.expectChunkedBody();
            } else if (contentLength > 0) {
                framer.expectFixedBody(contentLength);
            } else {
                framer.expectBodyUntilClose();
            }
            sink.head(response);
            return null;
        }

        @Override
        public void content(HttpContent part) {
            sink.content(part);
        }

        @Override
        public void messageEnded(LastHttpContent last, boolean more) {
            // Trailers are only ever kept after a chunked body, whose last part is the empty one.
            LastHttpContent end = trailers == null ? last : new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER, trailers);
            trailers = null;
            complete(end, more);
        }

        @Override
        public String trailerLine(byte[] b, int end) {
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
                trailers.add(new AsciiString(b, 0, colon, true),
                        new AsciiString(b, valueStart, valueEnd - valueStart, true));
            }
            return null;
        }
    }

    /** The response ended; with bytes after it, the connection is reported as not reusable first. */
    private void complete(LastHttpContent last, boolean more) {
        framer.stop();
        failed = more;
        if (more) {
            sink.excess();
        }
        sink.content(last);
    }

    private void fail(Sink sink, String detail) {
        failed = true;
        framer.stop();
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
