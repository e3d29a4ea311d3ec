package io.portcullis.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ByteProcessor;
import io.portcullis.decision.Reason;
import io.portcullis.gateway.wire.ChunkLine;
import io.portcullis.gateway.wire.HeadChars;
import io.portcullis.gateway.wire.HeaderBlock;
import io.portcullis.gateway.wire.HeaderLine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Decodes HTTP/1.1 requests from a client connection's bytes, strictly, refusing anything that lets two parsers
 * disagree about where a request ends, into an {@link Http1Request} head followed by its body parts.
 *
 * <p>Design: a byte-level state machine over the connection's stream (request line, headers, fixed body,
 * chunk-size line, chunk data, trailers). A line's bytes up to its CR or LF are found with one search and copied
 * at once: head lines into the head's own array (the {@link Http1Request} keeps it, so the head is relayed from
 * those bytes without being decoded into a map), chunk-size and trailer lines into a small reused buffer. Body
 * bytes are never copied: each part is a retained slice of the buffer read, de-chunked; request trailers are
 * checked and dropped. The grammar: CRLF line ends only (no bare CR or LF), no obs-fold, token header names,
 * field-value characters only, exactly one Host (agreeing with an absolute target), at most one Content-Length
 * of plain digits, no Content-Length with Transfer-Encoding, Transfer-Encoding exactly {@code chunked},
 * hexadecimal chunk sizes of at most 15 digits, and token-only chunk extensions. The header-read timer runs from
 * the first byte of a head to its end, so a slowloris client holds a connection for at most that long. A
 * refusal fires {@link ProtocolViolation} (after whatever the same read completed before it); the connection
 * is answered and closed by the proxy stage.
 */
public final class Http1RequestDecoder extends ChannelInboundHandlerAdapter {

    private enum State { REQUEST_LINE, HEADER, FIXED_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_CR, CHUNK_LF, TRAILER, FAILED }

    private static final int MAX_CHUNK_LINE = 1024;
    private static final HttpHeaders NO_TRAILERS = LastHttpContent.EMPTY_LAST_CONTENT.trailingHeaders();
    /** The one violation answered with 431 rather than 400 (compared by identity). */
    private static final String HEAD_TOO_LARGE = "request head too large";
    private static final byte[] HTTP_1_ = {'H', 'T', 'T', 'P', '/', '1', '.'};
    private static final HttpMethod[] COMMON_METHODS = {HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.DELETE, HttpMethod.PATCH, HttpMethod.HEAD, HttpMethod.OPTIONS};
    private static final byte[][] COMMON_METHOD_NAMES = Arrays.stream(COMMON_METHODS)
            .map(m -> m.name().getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);

    private final int maxHeaderBytes;
    private final Duration headerTimeout;
    private final HeadFacts facts = new HeadFacts();
    private final int[] at = new int[3];
    private State state = State.REQUEST_LINE;
    private byte[] head = new byte[256];
    private int headLength;
    private int lineStart;
    private final HeaderBlock.Builder headers = new HeaderBlock.Builder();
    private HttpMethod method;
    private byte[] line = new byte[64];
    private int lineLength;
    private boolean sawCr;
    private int headBytes;
    private long remaining;
    private Deadline headerDeadline;

    public Http1RequestDecoder(int maxHeaderBytes, Duration headerTimeout) {
        this.maxHeaderBytes = maxHeaderBytes;
        this.headerTimeout = headerTimeout;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String violation;
        try {
            violation = state == State.FAILED ? null : decode(ctx, buf);
        } finally {
            buf.release();
        }
        if (violation == HEAD_TOO_LARGE) {
            fail(ctx, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, HttpReasons.HEADER_TOO_LARGE,
                    "request head larger than " + maxHeaderBytes + " bytes");
        } else if (violation != null) {
            fail(ctx, HttpResponseStatus.BAD_REQUEST, HttpReasons.BAD_REQUEST, violation);
        }
    }

    private String decode(ChannelHandlerContext ctx, ByteBuf buf) {
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        while (i < end) {
            if (state == State.FIXED_BODY || state == State.CHUNK_DATA) {
                int n = (int) Math.min(remaining, end - i);
                ByteBuf slice = buf.retainedSlice(i, n);
                i += n;
                remaining -= n;
                if (remaining > 0) {
                    ctx.fireChannelRead(new DefaultHttpContent(slice));
                } else if (state == State.CHUNK_DATA) {
                    state = State.CHUNK_CR;
                    ctx.fireChannelRead(new DefaultHttpContent(slice));
                } else {
                    state = State.REQUEST_LINE;
                    ctx.fireChannelRead(new DefaultLastHttpContent(slice, NO_TRAILERS));
                }
                continue;
            }
            if (state == State.FAILED) {
                return null;
            }
            if (!sawCr && state != State.CHUNK_CR && state != State.CHUNK_LF) {
                // Inside a line: take everything up to the next CR or LF in one copy; the line is checked whole
                // at its end, so per-byte work is only the search.
                int stop = buf.forEachByte(i, end - i, ByteProcessor.FIND_CRLF);
                int n = (stop < 0 ? end : stop) - i;
                if (n > 0) {
                    String violation = append(buf, i, n);
                    if (violation != null) {
                        return violation;
                    }
                    i += n;
                    continue;
                }
            }
            String violation = step(ctx, buf.getByte(i++));
            if (violation != null) {
                return violation;
            }
        }
        return null;
    }

    /** Appends {@code n} bytes (none of them CR or LF) to the current line, as {@link #step} would one by one. */
    private String append(ByteBuf buf, int from, int n) {
        if (state != State.CHUNK_SIZE && countHead(n)) {
            return HEAD_TOO_LARGE;
        }
        if (state == State.REQUEST_LINE || state == State.HEADER) {
            int needed = headLength + n;
            if (needed > head.length) {
                head = Arrays.copyOf(head, Math.min(maxHeaderBytes, Math.max(needed, head.length * 2)));
            }
            buf.getBytes(from, head, headLength, n);
            headLength = needed;
            return null;
        }
        int needed = lineLength + n;
        int cap = state == State.CHUNK_SIZE ? MAX_CHUNK_LINE : maxHeaderBytes;
        if (needed > cap) {
            // Checked on every append, not only when the buffer grows: a long trailer line may have grown it.
            return state == State.CHUNK_SIZE ? "chunk-size line too long" : HEAD_TOO_LARGE;
        }
        if (needed > line.length) {
            line = Arrays.copyOf(line, Math.min(cap, Math.max(needed, line.length * 2)));
        }
        buf.getBytes(from, line, lineLength, n);
        lineLength = needed;
        return null;
    }

    /**
     * Counts {@code n} more bytes of the current head (the header-read timer starts at a request head's first
     * byte); true when the head has grown past {@code maxHeaderBytes}.
     */
    private boolean countHead(int n) {
        if (state == State.REQUEST_LINE && headBytes == 0) {
            headerDeadline.arm(headerTimeout.toNanos());
        }
        headBytes += n;
        return headBytes > maxHeaderBytes;
    }

    /** One byte that is not part of a line's content: a CR or LF, or the CRLF after chunk data. */
    private String step(ChannelHandlerContext ctx, byte b) {
        switch (state) {
            case CHUNK_CR -> {
                state = State.CHUNK_LF;
                return b == '\r' ? null : "chunk data longer than its size";
            }
            case CHUNK_LF -> {
                state = State.CHUNK_SIZE;
                return b == '\n' ? null : "chunk data not followed by CRLF";
            }
            default -> { }
        }
        boolean inHead = state == State.REQUEST_LINE || state == State.HEADER || state == State.TRAILER;
        if (inHead && countHead(1)) {
            return HEAD_TOO_LARGE;
        }
        if (sawCr) {
            sawCr = false;
            return b == '\n' ? endLine(ctx) : "bare CR";
        }
        if (b == '\r') {
            sawCr = true;
            return null;
        }
        if (b == '\n') {
            return "bare LF";
        }
        throw new IllegalStateException("line bytes other than CR and LF are appended by append");
    }

    private String endLine(ChannelHandlerContext ctx) {
        return switch (state) {
            case REQUEST_LINE -> requestLine();
            case HEADER -> headLength == lineStart ? endHead(ctx) : headerLine();
            case TRAILER -> {
                int length = lineLength;
                lineLength = 0;
                if (length == 0) {
                    state = State.REQUEST_LINE;
                    headBytes = 0;
                    ctx.fireChannelRead(LastHttpContent.EMPTY_LAST_CONTENT);
                    yield null;
                }
                yield trailerLine(length);
            }
            case CHUNK_SIZE -> {
                int length = lineLength;
                lineLength = 0;
                yield chunkSize(length);
            }
            default -> throw new IllegalStateException(state.name());
        };
    }

    private String requestLine() {
        int length = headLength;
        int sp1 = indexOf(' ', 0, length);
        int sp2 = sp1 < 0 ? -1 : indexOf(' ', sp1 + 1, length);
        if (length == 0 || sp1 <= 0 || sp2 <= sp1 + 1 || indexOf(' ', sp2 + 1, length) >= 0) {
            return "request line is not 'method SP target SP version'";
        }
        for (int i = 0; i < sp1; i++) {
            if (!HeadChars.isTchar(head[i])) {
                return "method has a non-token character";
            }
        }
        for (int i = sp1 + 1; i < sp2; i++) {
            if (!HeadChars.isTarget(head[i])) {
                return "request target has a character outside visible ASCII";
            }
        }
        if (length - sp2 - 1 != 8 || !Arrays.equals(head, sp2 + 1, sp2 + 8, HTTP_1_, 0, HTTP_1_.length)
                || (head[length - 1] != '1' && head[length - 1] != '0')) {
            return "version is not HTTP/1.1 or HTTP/1.0";
        }
        method = method(sp1);
        facts.reset(head[length - 1] == '0', new String(head, sp1 + 1, sp2 - sp1 - 1, StandardCharsets.ISO_8859_1));
        lineStart = headLength;
        state = State.HEADER;
        return null;
    }

    /** The method of the request line being parsed: the standard ones without a string, others by name. */
    private HttpMethod method(int length) {
        for (int i = 0; i < COMMON_METHODS.length; i++) {
            byte[] name = COMMON_METHOD_NAMES[i];
            if (name.length == length && Arrays.equals(head, 0, length, name, 0, length)) {
                return COMMON_METHODS[i];
            }
        }
        return HttpMethod.valueOf(new String(head, 0, length, StandardCharsets.ISO_8859_1));
    }

    private String headerLine() {
        int start = lineStart;
        lineStart = headLength;
        String violation = headers.line(head, start, headLength);
        return violation != null ? violation
                : facts.header(head, start, headers.colon(), headers.valueStart(), headers.valueEnd());
    }

    private String trailerLine(int length) {
        String violation = HeaderLine.parse(line, 0, length, at);
        if (violation != null) {
            return violation;
        }
        int framing = facts.contentLengths + facts.transferEncodings + facts.hosts;
        violation = facts.header(line, 0, at[HeaderLine.COLON], at[HeaderLine.VALUE_START], at[HeaderLine.VALUE_END]);
        return violation != null || facts.contentLengths + facts.transferEncodings + facts.hosts == framing
                ? violation : "framing or Host header in trailers";
    }

    private String endHead(ChannelHandlerContext ctx) {
        String violation = facts.end();
        if (violation != null) {
            return violation;
        }
        headerDeadline.disarm();
        int size = headBytes;
        headBytes = 0;
        boolean chunked = facts.transferEncodings > 0;
        Http1Request request = new Http1Request(method, facts.target, facts.http10,
                headers.copy(head), size,
                facts.contentLengths > 0 ? facts.contentLength : -1, chunked, facts.expectContinue);
        head = new byte[Math.min(maxHeaderBytes, Math.max(256, headLength))];
        headLength = 0;
        lineStart = 0;
        headers.clear();
        if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (facts.contentLength > 0) {
            state = State.FIXED_BODY;
            remaining = facts.contentLength;
        } else {
            state = State.REQUEST_LINE;
        }
        ctx.fireChannelRead(request);
        if (!chunked && facts.contentLength == 0) {
            ctx.fireChannelRead(LastHttpContent.EMPTY_LAST_CONTENT);
        }
        return null;
    }

    private String chunkSize(int length) {
        long size = ChunkLine.size(line, length);
        if (size < 0) {
            return ChunkLine.violation(size);
        }
        if (size == 0) {
            state = State.TRAILER;
            headBytes = 0;
        } else {
            state = State.CHUNK_DATA;
            remaining = size;
        }
        return null;
    }

    private int indexOf(char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (head[i] == c) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        headerDeadline = new Deadline(ctx.executor(), () -> {
            if (state != State.FAILED && ctx.channel().isActive()) {
                fail(ctx, HttpResponseStatus.REQUEST_TIMEOUT, HttpReasons.HEADER_TIMEOUT,
                        "request head not complete within " + headerTimeout);
            }
        });
    }

    private void fail(ChannelHandlerContext ctx, HttpResponseStatus status, Reason reason, String detail) {
        state = State.FAILED;
        headerDeadline.disarm();
        ctx.fireUserEventTriggered(new ProtocolViolation(status, reason, detail));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        headerDeadline.close();
        ctx.fireChannelInactive();
    }
}
