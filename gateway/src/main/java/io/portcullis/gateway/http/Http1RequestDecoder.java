package io.portcullis.gateway.http;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.portcullis.decision.Reason;
import io.portcullis.gateway.wire.HeadChars;
import io.portcullis.gateway.wire.HeaderBlock;
import io.portcullis.gateway.wire.HeaderLine;
import io.portcullis.gateway.wire.MessageFramer;
import io.portcullis.gateway.wire.SmallChunks;
import io.portcullis.gateway.limit.LoopBucket;
import io.portcullis.time.Ticker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Decodes HTTP/1.1 requests from a client connection's bytes, strictly, refusing anything that lets two parsers
 * disagree about where a request ends, into an {@link Http1Request} head followed by its body parts.
 *
 * <p>Design: a {@link MessageFramer} (the one the upstream response parser uses) cuts the connection's stream
 * into the request line, header lines, chunk-size and trailer lines and body parts, holding the CRLF discipline
 * and the size caps; this decoder judges each line and says what follows a head. A head's lines stay in the
 * array the framer copied them into, which the {@link Http1Request} keeps, so the head is relayed from those
 * bytes without being decoded into a map. Body bytes are never copied: each part is a retained slice of the
 * buffer read, de-chunked; request trailers are checked and dropped. The grammar: CRLF line ends only (no bare
 * CR or LF), no obs-fold, token header names, field-value characters only, exactly one Host (agreeing with an
 * absolute target), at most one Content-Length of plain digits, no Content-Length with Transfer-Encoding,
 * Transfer-Encoding exactly {@code chunked}, hexadecimal chunk sizes of at most 15 digits, and token-only chunk
 * extensions. The header-read timer runs from the first byte of a head to its end, so a slowloris client holds a
 * connection for at most that long. A refusal fires {@link ProtocolViolation} (after whatever the same read
 * completed before it); the connection is answered and closed by the proxy stage.
 */
public final class Http1RequestDecoder extends ChannelInboundHandlerAdapter {

    /** The one violation answered with 431 rather than 400 (compared by identity). */
    private static final String HEAD_TOO_LARGE = "request head too large";
    private static final MessageFramer.Violations VIOLATIONS = new MessageFramer.Violations(HEAD_TOO_LARGE,
            HEAD_TOO_LARGE, "bare CR", "bare LF", "chunk data longer than its size", "");
    private static final byte[] HTTP_1_ = {'H', 'T', 'T', 'P', '/', '1', '.'};
    private static final HttpMethod[] COMMON_METHODS = {HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.DELETE, HttpMethod.PATCH, HttpMethod.HEAD, HttpMethod.OPTIONS};
    private static final byte[][] COMMON_METHOD_NAMES = Arrays.stream(COMMON_METHODS)
            .map(m -> m.name().getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);

    /**
     * Chunks under {@link SmallChunks#SMALL} bytes one connection may send at once, and per second: gathered, each
     * costs a copy and a chunk-size line, and a flood of them (16 connections sent 100 million in 10 s) takes an
     * event loop from every other connection on it. No legitimate client comes near; a connection past it gets
     * 400 and its source a penalty.
     */
    public static final int SMALL_CHUNKS_BURST = 20_000;
    public static final int SMALL_CHUNKS_PER_SECOND = 10_000;

    private final int maxHeaderBytes;
    private final Ticker ticker;
    private final LoopBucket chunkBudget;
    private final Duration headerTimeout;
    private final MessageFramer framer;
    private final Lines lines = new Lines();
    private final HeadFacts facts = new HeadFacts();
    private final int[] at = new int[3];
    private final HeaderBlock.Builder headers = new HeaderBlock.Builder();
    private HttpMethod method;
    private boolean failed;
    private ChannelHandlerContext ctx;
    private Deadline headerDeadline;

    public Http1RequestDecoder(int maxHeaderBytes, Duration headerTimeout, Ticker ticker) {
        this.maxHeaderBytes = maxHeaderBytes;
        this.headerTimeout = headerTimeout;
        this.ticker = requireNonNull(ticker, "ticker");
        this.chunkBudget = new LoopBucket(SMALL_CHUNKS_BURST, SMALL_CHUNKS_PER_SECOND, ticker.read());
        this.framer = new MessageFramer(maxHeaderBytes, true, 256, VIOLATIONS);
        framer.expectHead();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String violation;
        try {
            violation = failed ? null : framer.read(buf, lines);
        } finally {
            buf.release();
        }
        int smallChunks = framer.takeSmallChunkCount();
        if (violation == null && smallChunks > 0 && !failed && !chunkBudget.take(ticker.read(), smallChunks)) {
            fail(ctx, HttpResponseStatus.BAD_REQUEST, HttpReasons.CHUNK_FLOOD, "more than " + SMALL_CHUNKS_PER_SECOND
                    + " chunks under " + SmallChunks.SMALL + " bytes a second");
            return;
        }
        if (violation == HEAD_TOO_LARGE) {
            fail(ctx, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, HttpReasons.HEADER_TOO_LARGE,
                    "request head larger than " + maxHeaderBytes + " bytes");
        } else if (violation != null) {
            fail(ctx, HttpResponseStatus.BAD_REQUEST, HttpReasons.BAD_REQUEST, violation);
        }
    }

    /** The request's grammar, the header-read timer and what follows each head, applied to what the framer finds. */
    private final class Lines implements MessageFramer.Receiver {

        @Override
        public void headStarted() {
            headerDeadline.arm(headerTimeout.toNanos());
        }

        @Override
        public String startLine(byte[] head, int length) {
            int sp1 = indexOf(head, ' ', 0, length);
            int sp2 = sp1 < 0 ? -1 : indexOf(head, ' ', sp1 + 1, length);
            if (length == 0 || sp1 <= 0 || sp2 <= sp1 + 1 || indexOf(head, ' ', sp2 + 1, length) >= 0) {
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
            method = method(head, sp1);
            facts.reset(head[length - 1] == '0',
                    new String(head, sp1 + 1, sp2 - sp1 - 1, StandardCharsets.ISO_8859_1));
            return null;
        }

        @Override
        public String headerLine(byte[] head, int start, int end) {
            String violation = headers.line(head, start, end);
            return violation != null ? violation
                    : facts.header(head, start, headers.colon(), headers.valueStart(), headers.valueEnd());
        }

        @Override
        public String headEnded(boolean more) {
            String violation = facts.end();
            if (violation != null) {
                return violation;
            }
            headerDeadline.disarm();
            int size = framer.headBytes();
            boolean chunked = facts.transferEncodings > 0;
            Http1Request request = new Http1Request(method, facts.target, facts.http10,
                    headers.copy(framer.takeHead()), size,
                    facts.contentLengths > 0 ? facts.contentLength : -1, chunked, facts.expectContinue,
                    facts.hosts > 0 ? facts.host : null);
            headers.clear();
            if (chunked) {
                framer.expectChunkedBody();
            } else if (facts.contentLength > 0) {
                framer.expectFixedBody(facts.contentLength);
            } else {
                framer.expectHead();
            }
            ctx.fireChannelRead(request);
            if (!chunked && facts.contentLength == 0) {
                ctx.fireChannelRead(LastHttpContent.EMPTY_LAST_CONTENT);
            }
            return null;
        }

        @Override
        public void content(HttpContent part) {
            ctx.fireChannelRead(part);
        }

        @Override
        public void messageEnded(LastHttpContent last, boolean more) {
            framer.expectHead();
            ctx.fireChannelRead(last);
        }

        @Override
        public String trailerLine(byte[] line, int length) {
            String violation = HeaderLine.parse(line, 0, length, at);
            if (violation != null) {
                return violation;
            }
            int framing = facts.contentLengths + facts.transferEncodings + facts.hosts;
            violation = facts.header(line, 0, at[HeaderLine.COLON], at[HeaderLine.VALUE_START],
                    at[HeaderLine.VALUE_END]);
            return violation != null || facts.contentLengths + facts.transferEncodings + facts.hosts == framing
                    ? violation : "framing or Host header in trailers";
        }
    }

    /** The method of a request line: the standard ones without a string, others by name. */
    private static HttpMethod method(byte[] head, int length) {
        for (int i = 0; i < COMMON_METHODS.length; i++) {
            byte[] name = COMMON_METHOD_NAMES[i];
            if (name.length == length && Arrays.equals(head, 0, length, name, 0, length)) {
                return COMMON_METHODS[i];
            }
        }
        return HttpMethod.valueOf(new String(head, 0, length, StandardCharsets.ISO_8859_1));
    }

    private static int indexOf(byte[] head, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (head[i] == c) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        headerDeadline = new Deadline(ctx.executor(), ticker, () -> {
            if (!failed && ctx.channel().isActive()) {
                fail(ctx, HttpResponseStatus.REQUEST_TIMEOUT, HttpReasons.HEADER_TIMEOUT,
                        "request head not complete within " + headerTimeout);
            }
        });
    }

    private void fail(ChannelHandlerContext ctx, HttpResponseStatus status, Reason reason, String detail) {
        failed = true;
        framer.stop();
        headerDeadline.disarm();
        ctx.fireUserEventTriggered(new ProtocolViolation(status, reason, detail));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        headerDeadline.close();
        ctx.fireChannelInactive();
    }
}
