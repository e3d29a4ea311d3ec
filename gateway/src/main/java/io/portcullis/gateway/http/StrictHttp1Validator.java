package io.portcullis.gateway.http;

import io.portcullis.gateway.wire.HeadChars;
import io.portcullis.gateway.wire.HeaderLine;
import io.portcullis.gateway.wire.ChunkLine;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ByteProcessor;
import io.portcullis.decision.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Validates HTTP/1.1 request framing on the raw bytes, in front of Netty's decoder, and refuses anything that
 * lets two parsers disagree about where a request ends.
 *
 * <p>Design: a byte-level state machine over the connection's stream (request line, headers, fixed body,
 * chunk-size line, chunk data, trailers). A line's bytes up to its CR or LF are found with one search and copied
 * at once into a small growable per-connection buffer (256 bytes, up to maxHeaderBytes) and checked when the line
 * ends; bodies are skipped by count without copying. Each incoming buffer is validated
 * whole and then passed on unchanged, so Netty's decoder only ever sees input that this stricter grammar
 * accepts: CRLF line ends only (no bare CR or LF), no obs-fold, token header names, field-value characters only,
 * exactly one Host (agreeing with an absolute target), at most one Content-Length of plain digits, no
 * Content-Length with Transfer-Encoding, Transfer-Encoding exactly {@code chunked}, hexadecimal chunk sizes of at
 * most 15 digits, and token-only chunk extensions. The header-read timer runs from the first byte of a head to
 * its end, so a slowloris client holds a connection for at most that long. A refusal fires
 * {@link ProtocolViolation}; the connection is answered and closed by the proxy stage.
 */
public final class StrictHttp1Validator extends ChannelInboundHandlerAdapter {

    private enum State { REQUEST_LINE, HEADER, FIXED_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_CR, CHUNK_LF, TRAILER, FAILED }

    private static final int MAX_CHUNK_LINE = 1024;
    /** The one violation answered with 431 rather than 400 (compared by identity). */
    private static final String HEAD_TOO_LARGE = "request head too large";

    private final int maxHeaderBytes;
    private final Duration headerTimeout;
    private final HeadFacts facts = new HeadFacts();
    private final int[] at = new int[3];
    private State state = State.REQUEST_LINE;
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean sawCr;
    private int headBytes;
    private long remaining;
    private Deadline headerDeadline;

    public StrictHttp1Validator(int maxHeaderBytes, Duration headerTimeout) {
        this.maxHeaderBytes = maxHeaderBytes;
        this.headerTimeout = headerTimeout;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (state == State.FAILED) {
            buf.release();
            return;
        }
        String violation = validate(buf);
        if (violation == null) {
            ctx.fireChannelRead(buf);
            return;
        }
        buf.release();
        if (violation == HEAD_TOO_LARGE) {
            fail(ctx, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, HttpReasons.HEADER_TOO_LARGE,
                    "request head larger than " + maxHeaderBytes + " bytes");
        } else {
            fail(ctx, HttpResponseStatus.BAD_REQUEST, HttpReasons.BAD_REQUEST, violation);
        }
    }

    private String validate(ByteBuf buf) {
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        while (i < end) {
            if (state == State.FIXED_BODY || state == State.CHUNK_DATA) {
                int skip = (int) Math.min(remaining, end - i);
                i += skip;
                remaining -= skip;
                if (remaining == 0) {
                    state = state == State.FIXED_BODY ? State.REQUEST_LINE : State.CHUNK_CR;
                }
                continue;
            }
            if (!sawCr && (state == State.REQUEST_LINE || state == State.HEADER || state == State.TRAILER
                    || state == State.CHUNK_SIZE)) {
                // Inside a line: take everything up to the next CR or LF in one copy; the line is checked whole
                // at its end, so per-byte work is only the search.
                int stop = buf.forEachByte(i, end - i, ByteProcessor.FIND_CRLF);
                int n = (stop < 0 ? end : stop) - i;
                if (n > 0) {
                    String violation = appendToLine(buf, i, n);
                    if (violation != null) {
                        return violation;
                    }
                    i += n;
                    continue;
                }
            }
            byte b = buf.getByte(i++);
            String violation = step(b);
            if (violation != null) {
                return violation;
            }
        }
        return null;
    }

    /** Appends {@code n} bytes (none of them CR or LF) to the current line, as {@link #step} would one by one. */
    private String appendToLine(ByteBuf buf, int from, int n) {
        if (state != State.CHUNK_SIZE && countHead(n)) {
            return HEAD_TOO_LARGE;
        }
        int needed = lineLength + n;
        if (needed > line.length) {
            int cap = state == State.CHUNK_SIZE ? MAX_CHUNK_LINE : maxHeaderBytes;
            if (needed > cap) {
                return state == State.CHUNK_SIZE ? "chunk-size line too long" : HEAD_TOO_LARGE;
            }
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
    private String step(byte b) {
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
        boolean head = state == State.REQUEST_LINE || state == State.HEADER || state == State.TRAILER;
        if (head && countHead(1)) {
            return HEAD_TOO_LARGE;
        }
        if (sawCr) {
            sawCr = false;
            return b == '\n' ? endLine() : "bare CR";
        }
        if (b == '\r') {
            sawCr = true;
            return null;
        }
        if (b == '\n') {
            return "bare LF";
        }
        throw new IllegalStateException("line bytes other than CR and LF are appended by appendToLine");
    }

    private String endLine() {
        int length = lineLength;
        lineLength = 0;
        return switch (state) {
            case REQUEST_LINE -> requestLine(length);
            case HEADER -> length == 0 ? endHead() : headerLine(length, false);
            case TRAILER -> {
                if (length == 0) {
                    state = State.REQUEST_LINE;
                    headBytes = 0;
                    yield null;
                }
                yield headerLine(length, true);
            }
            case CHUNK_SIZE -> chunkSize(length);
            default -> throw new IllegalStateException(state.name());
        };
    }

    private String requestLine(int length) {
        int sp1 = indexOf(' ', 0, length);
        int sp2 = sp1 < 0 ? -1 : indexOf(' ', sp1 + 1, length);
        if (length == 0 || sp1 <= 0 || sp2 <= sp1 + 1 || indexOf(' ', sp2 + 1, length) >= 0) {
            return "request line is not 'method SP target SP version'";
        }
        for (int i = 0; i < sp1; i++) {
            if (!HeadChars.isTchar(line[i])) {
                return "method has a non-token character";
            }
        }
        for (int i = sp1 + 1; i < sp2; i++) {
            if (!HeadChars.isTarget(line[i])) {
                return "request target has a character outside visible ASCII";
            }
        }
        String version = new String(line, sp2 + 1, length - sp2 - 1, StandardCharsets.ISO_8859_1);
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            return "version is not HTTP/1.1 or HTTP/1.0";
        }
        facts.reset(version.equals("HTTP/1.0"), new String(line, sp1 + 1, sp2 - sp1 - 1, StandardCharsets.ISO_8859_1));
        state = State.HEADER;
        return null;
    }

    private String headerLine(int length, boolean trailer) {
        String violation = HeaderLine.parse(line, 0, length, at);
        if (violation != null) {
            return violation;
        }
        int colon = at[HeaderLine.COLON];
        int start = at[HeaderLine.VALUE_START];
        int stop = at[HeaderLine.VALUE_END];
        if (trailer) {
            int framing = facts.contentLengths + facts.transferEncodings + facts.hosts;
            violation = facts.header(line, colon, start, stop);
            return violation != null || facts.contentLengths + facts.transferEncodings + facts.hosts == framing
                    ? violation : "framing or Host header in trailers";
        }
        return facts.header(line, colon, start, stop);
    }

    private String endHead() {
        String violation = facts.end();
        if (violation != null) {
            return violation;
        }
        headerDeadline.disarm();
        headBytes = 0;
        if (facts.transferEncodings > 0) {
            state = State.CHUNK_SIZE;
        } else if (facts.contentLength > 0) {
            state = State.FIXED_BODY;
            remaining = facts.contentLength;
        } else {
            state = State.REQUEST_LINE;
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
            if (line[i] == c) {
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
