package io.portcullis.gateway.http;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.portcullis.decision.Decision;
import io.portcullis.gateway.limit.LoopBucket;
import io.portcullis.gateway.observe.ConnectionTrace;
import io.portcullis.time.Ticker;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds what one HTTP/2 connection can make the gateway do before and besides its requests, on the raw bytes in
 * front of the frame codec:
 * <ol>
 *   <li>slow heads: a client that trickles a request head (slowloris) holds its connection at most
 *       {@code headerRead}, as in HTTP/1.1. The connection is "in a head" inside the preface, an incomplete frame
 *       header, an incomplete frame of any type but DATA, or a header block that a HEADERS (or PUSH_PROMISE)
 *       frame opened without END_HEADERS and no CONTINUATION with END_HEADERS has closed yet; the timer starts
 *       at the head's first byte and progress does not extend it;</li>
 *   <li>idle: a connection kept alive by control frames alone (PING every few seconds) lives at most about twice
 *       {@code idle}: a check every {@code idle} closes it when no HEADERS, CONTINUATION or DATA frame started
 *       since the previous check and no stream is open;</li>
 *   <li>CONTINUATION floods: a header block may span at most {@value #MAX_CONTINUATIONS} CONTINUATION frames,
 *       and an empty CONTINUATION that does not end the block (it carries nothing; only a flood sends it) is
 *       refused at once: the codec accepts both for the whole header-read window otherwise (95 million frames in
 *       10 s on one connection);</li>
 *   <li>frame floods: frames that carry no request and no body worth its frame (PING, SETTINGS, PRIORITY,
 *       RST_STREAM, empty frames, DATA frames shorter than {@value #SMALL_DATA} bytes that do not end their
 *       stream, and HEADERS that would open a stream beyond the concurrent-stream limit) draw on a token bucket of {@value #FLOOD_BURST} tokens refilled at {@value #FLOOD_RATE} a second,
 *       and WINDOW_UPDATE frames on one ten times larger (a client reading large responses sends many). A
 *       connection that empties either is closed: a flood of them would otherwise take an event loop from every
 *       other connection on it (a 1-byte DATA or a PING flood from 8 connections answered no legitimate request).
 *       Legitimate clients stay far below: a few PINGs and SETTINGS per connection, a small DATA frame at most per
 *       request.</li>
 * </ol>
 * A refusal closes the connection (no stream exists to answer) and goes to the connection's record with
 * {@code protocol/header-timeout} or {@code protocol/http2-flood}.
 *
 * <p>Design: scans frame boundaries (the 24-byte preface, 9-byte frame headers, payloads skipped) without
 * copying; per frame a few field updates; the buckets are refilled once per read from one clock reading.
 * Event-loop confined.
 */
public final class Http2FrameGuard extends ChannelInboundHandlerAdapter {

    /** CONTINUATION frames one header block may span. */
    public static final int MAX_CONTINUATIONS = 32;
    /** DATA payloads shorter than this (without END_STREAM) count as flood frames. */
    public static final int SMALL_DATA = 256;
    /** Flood frames a connection may send at once, and per second on average. */
    public static final int FLOOD_BURST = 2000;
    public static final int FLOOD_RATE = 1000;
    private static final int WINDOW_UPDATE_FACTOR = 10;

    private static final int PREFACE_LENGTH = 24;
    private static final int FRAME_HEADER_LENGTH = 9;
    private static final int TYPE_DATA = 0x0;
    private static final int TYPE_HEADERS = 0x1;
    private static final int TYPE_PUSH_PROMISE = 0x5;
    private static final int TYPE_WINDOW_UPDATE = 0x8;
    private static final int TYPE_CONTINUATION = 0x9;
    private static final int FLAG_END_STREAM = 0x1;
    private static final int FLAG_END_HEADERS = 0x4;

    private enum State { PREFACE, FRAME_HEADER, PAYLOAD }

    private final Duration timeout;
    private final Duration idle;
    private final ConnectionTrace trace;
    private final byte[] frameHeader = new byte[FRAME_HEADER_LENGTH];
    private State state = State.PREFACE;
    private long remaining = PREFACE_LENGTH;
    private int headerFill;
    private boolean dataPayload;
    private boolean headerBlockOpen;
    private int continuations;
    private String refusal;
    private final Ticker ticker;
    private final LoopBucket flood;
    private final LoopBucket windowUpdates;
    private Http2FrameCodec codec;
    private int headersThisRead;
    private Deadline headDeadline;
    private ScheduledFuture<?> idleCheck;
    private boolean requestFrameSinceCheck = true;

    public Http2FrameGuard(Duration timeout, Duration idle, ConnectionTrace trace, Ticker ticker) {
        this.timeout = requireNonNull(timeout, "timeout");
        this.idle = requireNonNull(idle, "idle");
        this.trace = requireNonNull(trace, "trace");
        this.ticker = requireNonNull(ticker, "ticker");
        long now = ticker.read();
        this.flood = new LoopBucket(FLOOD_BURST, FLOOD_RATE, now);
        this.windowUpdates = new LoopBucket((long) FLOOD_BURST * WINDOW_UPDATE_FACTOR,
                (long) FLOOD_RATE * WINDOW_UPDATE_FACTOR, now);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        headDeadline = new Deadline(ctx.executor(), ticker, () -> expired(ctx));
        scheduleIdleCheck(ctx);
    }

    private void scheduleIdleCheck(ChannelHandlerContext ctx) {
        idleCheck = ctx.executor().schedule(() -> {
            Http2FrameCodec codec = ctx.pipeline().get(Http2FrameCodec.class);
            boolean streamsOpen = codec != null && codec.connection().numActiveStreams() > 0;
            if (!requestFrameSinceCheck && !streamsOpen) {
                ctx.close();
            } else if (ctx.channel().isActive()) {
                requestFrameSinceCheck = false;
                scheduleIdleCheck(ctx);
            }
        }, idle.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (refusal != null) {
            buf.release();
            return;
        }
        long now = ticker.read();
        flood.refill(now);
        windowUpdates.refill(now);
        if (codec == null) {
            codec = ctx.pipeline().get(Http2FrameCodec.class);
        }
        headersThisRead = 0;
        scan(buf);
        if (refusal != null) {
            buf.release(); // nothing of a refused connection reaches the codec
            trace.refused(Decision.deny(HttpReasons.HTTP2_FLOOD, "http2", refusal));
            trace.strike();
            ctx.close();
            return;
        }
        if (!inHead()) {
            headDeadline.disarm();
        } else if (!headDeadline.armed()) {
            headDeadline.arm(timeout.toNanos()); // from the head's first byte; progress does not extend it
        }
        ctx.fireChannelRead(msg);
    }

    private void scan(ByteBuf buf) {
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        while (i < end && refusal == null) {
            if (state == State.FRAME_HEADER) {
                frameHeader[headerFill++] = buf.getByte(i++);
                if (headerFill == FRAME_HEADER_LENGTH) {
                    frameStarted();
                }
                continue;
            }
            int skip = (int) Math.min(remaining, end - i);
            i += skip;
            remaining -= skip;
            if (remaining == 0) {
                state = State.FRAME_HEADER;
            }
        }
    }

    private void frameStarted() {
        headerFill = 0;
        int length = (frameHeader[0] & 0xff) << 16 | (frameHeader[1] & 0xff) << 8 | frameHeader[2] & 0xff;
        int type = frameHeader[3] & 0xff;
        int flags = frameHeader[4] & 0xff;
        boolean endHeaders = (flags & FLAG_END_HEADERS) != 0;
        if (type == TYPE_HEADERS || type == TYPE_PUSH_PROMISE) {
            headerBlockOpen = !endHeaders;
            continuations = 0;
        } else if (type == TYPE_CONTINUATION) {
            headerBlockOpen = !endHeaders;
            if (++continuations > MAX_CONTINUATIONS) {
                refusal = "a header block of more than " + MAX_CONTINUATIONS + " CONTINUATION frames";
            } else if (length == 0 && !endHeaders) {
                refusal = "an empty CONTINUATION frame that does not end its header block";
            }
        }
        dataPayload = type == TYPE_DATA;
        requestFrameSinceCheck |= dataPayload || type == TYPE_HEADERS || type == TYPE_CONTINUATION;
        if (type == TYPE_WINDOW_UPDATE) {
            if (!windowUpdates.tryTake()) {
                refusal = "more WINDOW_UPDATE frames than " + windowUpdates.perSecond() + " a second";
            }
        } else if ((floods(type, length, flags) || type == TYPE_HEADERS && headersThisRead++ >= streamsLeft())
                && !flood.tryTake()) {
            refusal = "more PING, SETTINGS, PRIORITY, RST_STREAM, empty or small DATA frames, or streams beyond "
                    + "the limit, than " + FLOOD_RATE + " a second";
        }
        remaining = length;
        state = length > 0 ? State.PAYLOAD : State.FRAME_HEADER;
    }

    /**
     * How many more streams the connection may open: a HEADERS frame beyond them (counting those earlier in the
     * same read) opens one the codec refuses, which a client that read our SETTINGS does not send, so it costs a
     * flood token like a control frame.
     */
    private int streamsLeft() {
        return codec == null ? Integer.MAX_VALUE : codec.connection().remote().maxActiveStreams()
                - codec.connection().remote().numActiveStreams(); // as the codec stood before this read
    }

    /** Whether a frame carries no request and no body worth its frame. */
    private static boolean floods(int type, int length, int flags) {
        return switch (type) {
            case TYPE_HEADERS, TYPE_PUSH_PROMISE, TYPE_CONTINUATION -> false; // requests: bounded elsewhere
            case TYPE_DATA -> length < SMALL_DATA && (flags & FLAG_END_STREAM) == 0;
            default -> true; // PING, SETTINGS, PRIORITY, RST_STREAM, GOAWAY, unknown types
        };
    }

    private boolean inHead() {
        return headerBlockOpen || switch (state) {
            case PREFACE -> true;
            case FRAME_HEADER -> headerFill > 0;
            case PAYLOAD -> !dataPayload;
        };
    }

    private void expired(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            trace.refused(Decision.deny(HttpReasons.HEADER_TIMEOUT, "http2",
                    "HTTP/2 request head or control frame not complete within " + timeout));
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        handlerRemoved(ctx);
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        headDeadline.close();
        if (idleCheck != null) {
            idleCheck.cancel(false);
            idleCheck = null;
        }
    }
}
