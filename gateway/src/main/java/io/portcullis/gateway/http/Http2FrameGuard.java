package io.portcullis.gateway.http;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.portcullis.decision.Decision;
import io.portcullis.gateway.guard.GuardReasons;
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
 *       stream) draw on a token bucket of {@value #FLOOD_BURST} tokens refilled at {@value #FLOOD_RATE} a second,
 *       and WINDOW_UPDATE frames on one ten times larger (a client reading large responses sends many). A
 *       connection that empties either is closed: a flood of them would otherwise take an event loop from every
 *       other connection on it (a 1-byte DATA or a PING flood from 8 connections answered no legitimate request).
 *       Legitimate clients stay far below: a few PINGs and SETTINGS per connection, a small DATA frame at most per
 *       request;</li>
 *   <li>streams beyond the concurrent-stream limit: each HEADERS frame that would open one (the codec refuses it
 *       with REFUSED_STREAM, after decoding its header block) draws on a bucket of {@value #REFUSED_STREAM_BURST}
 *       refilled at {@value #REFUSED_STREAM_RATE} a second. A client that has not read our SETTINGS yet may race
 *       them with a few; one that keeps opening streams past the limit (4 connections opened 5 million) is
 *       closed;</li>
 *   <li>penalized sources: a connection whose source sits out a penalty ({@code SourcePenalties}) decodes
 *       nothing more; it is refused at its next read ({@code traffic/source-penalized}), and a penalty that a
 *       stream of the current read earned stops the read there.</li>
 * </ol>
 * A refusal is recorded on the connection ({@code protocol/header-timeout}, {@code protocol/http2-flood},
 * {@code traffic/source-penalized}); a flood is also a strike against the source. The connection then gets a
 * GOAWAY with ENHANCE_YOUR_CALM (none for a header timeout) and is closed.
 *
 * <p>Design: scans frame boundaries (the 24-byte preface, 9-byte frame headers, payloads skipped) without
 * copying; per frame a few field updates; the buckets are refilled once per read from one clock reading. A read
 * is handed to the codec in pieces, each ending after a HEADERS or CONTINUATION frame (a slice of the read, no
 * copy), so that every stream a refused connection would open after the refusal costs nothing: the multiplexer
 * makes a child channel per stream, and a refused stream's answer costs as much as a served one's. Nothing is
 * allocated per frame; a refusal writes one 17-byte frame. Event-loop confined.
 */
public final class Http2FrameGuard extends ChannelDuplexHandler {

    /** CONTINUATION frames one header block may span. */
    public static final int MAX_CONTINUATIONS = 32;
    /** DATA payloads shorter than this (without END_STREAM) count as flood frames. */
    public static final int SMALL_DATA = 256;
    /** Flood frames a connection may send at once, and per second on average. */
    public static final int FLOOD_BURST = 2000;
    public static final int FLOOD_RATE = 1000;
    private static final int WINDOW_UPDATE_FACTOR = 10;
    /** Streams beyond the concurrent-stream limit a connection may open at once, and per second on average. */
    public static final int REFUSED_STREAM_BURST = 128;
    public static final int REFUSED_STREAM_RATE = 128;

    private static final int PREFACE_LENGTH = 24;
    private static final int FRAME_HEADER_LENGTH = 9;
    private static final int TYPE_DATA = 0x0;
    private static final int TYPE_HEADERS = 0x1;
    private static final int TYPE_PUSH_PROMISE = 0x5;
    private static final int TYPE_GOAWAY = 0x7;
    private static final int TYPE_WINDOW_UPDATE = 0x8;
    private static final int TYPE_CONTINUATION = 0x9;
    private static final int FLAG_END_STREAM = 0x1;
    private static final int FLAG_END_HEADERS = 0x4;

    private static final Decision PENALIZED = Decision.deny(GuardReasons.SOURCE_PENALIZED, "penalties",
            "the source sits out a penalty for repeated refusals or floods");

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
    private final LoopBucket beyondLimit;
    private Http2FrameCodec codec;
    /** The frame the scan stopped after may open a stream: the codec decodes up to there first. */
    private boolean streamMayOpen;
    /** Set once the connection is refused: nothing more reaches the codec, and it closes. */
    private Decision leaving;
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
        this.beyondLimit = new LoopBucket(REFUSED_STREAM_BURST, REFUSED_STREAM_RATE, now);
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
        if (leaving != null) {
            buf.release(); // refused or leaving: nothing more of the connection reaches the codec
            return;
        }
        long now = ticker.read();
        flood.refill(now);
        windowUpdates.refill(now);
        beyondLimit.refill(now);
        if (codec == null) {
            codec = ctx.pipeline().get(Http2FrameCodec.class);
        }
        if (trace.sourcePenalized()) {
            buf.release();
            leave(ctx, PENALIZED, false);
            return;
        }
        int from = buf.readerIndex();
        int end = buf.writerIndex();
        int i = from;
        while (i < end && refusal == null) {
            i = scan(buf, i, end);
            if (i < end && refusal == null && streamMayOpen) {
                // A stream may have opened: the codec decodes up to here before the next frame is judged, so a
                // connection closed or a source penalized meanwhile decodes nothing more of this read.
                ctx.fireChannelRead(buf.retainedSlice(from, i - from));
                from = i;
                if (!ctx.channel().isActive() || leaving != null) {
                    buf.release();
                    return;
                }
                if (trace.sourcePenalized()) {
                    buf.release();
                    leave(ctx, PENALIZED, true);
                    return;
                }
            }
        }
        if (refusal != null) {
            buf.release(); // nothing of a refused connection reaches the codec from the flood on
            leave(ctx, Decision.deny(HttpReasons.HTTP2_FLOOD, "http2", refusal), true);
            trace.strike();
            return;
        }
        if (!inHead()) {
            headDeadline.disarm();
        } else if (!headDeadline.armed()) {
            headDeadline.arm(timeout.toNanos()); // from the head's first byte; progress does not extend it
        }
        buf.readerIndex(from);
        ctx.fireChannelRead(buf);
    }

    /**
     * Scans frame boundaries from {@code i}; returns where it stopped: the end, a refusal, or the end of a frame
     * that may open a stream ({@link #streamMayOpen}).
     */
    private int scan(ByteBuf buf, int i, int end) {
        streamMayOpen = false;
        while (i < end && refusal == null) {
            if (state == State.FRAME_HEADER) {
                frameHeader[headerFill++] = buf.getByte(i++);
                if (headerFill == FRAME_HEADER_LENGTH) {
                    frameStarted();
                    if (state == State.FRAME_HEADER && streamMayOpen) {
                        return i; // an empty HEADERS or CONTINUATION frame
                    }
                }
                continue;
            }
            int skip = (int) Math.min(remaining, end - i);
            i += skip;
            remaining -= skip;
            if (remaining == 0) {
                state = State.FRAME_HEADER;
                if (streamMayOpen) {
                    return i;
                }
            }
        }
        return i;
    }

    /**
     * Refuses the connection: recorded as {@code decision}, a GOAWAY with ENHANCE_YOUR_CALM and the close. With
     * {@code afterRead}, once this read is complete, so that the answers of the streams decoded before the refusal
     * go out first (the codec flushes them then); nothing more is decoded meanwhile.
     */
    private void leave(ChannelHandlerContext ctx, Decision decision, boolean afterRead) {
        trace.refused(decision);
        leaving = decision;
        if (!afterRead) {
            goAway(ctx);
        }
    }

    /**
     * A close from the codec or a stream (the source's refusal budget spent, say) of a connection that is refused
     * or whose source is penalized: the client is told why first. The close may come from a listener of a write
     * that a flush completed, and a frame written there would wait for the next flush, which a close never makes
     * (the codec's own GOAWAY is lost that way), so the GOAWAY and the close run as a task of their own.
     */
    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (ctx.channel().isActive() && (leaving != null || trace.sourcePenalized())) {
            ctx.executor().execute(() -> {
                if (ctx.channel().isActive()) {
                    ctx.writeAndFlush(goAwayFrame(ctx));
                }
                ctx.close(promise);
            });
        } else {
            ctx.close(promise);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.fireChannelReadComplete();
        if (leaving != null && ctx.channel().isActive()) {
            goAway(ctx);
        }
    }

    /** A GOAWAY (ENHANCE_YOUR_CALM) written as it is, then the close. */
    private void goAway(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(goAwayFrame(ctx));
        ctx.close();
    }

    /** GOAWAY with ENHANCE_YOUR_CALM and the last stream the codec opened: 17 bytes, past the codec. */
    private ByteBuf goAwayFrame(ChannelHandlerContext ctx) {
        int lastStream = codec == null ? 0 : Math.max(0, codec.connection().remote().lastStreamCreated());
        ByteBuf frame = ctx.alloc().buffer(FRAME_HEADER_LENGTH + 8);
        frame.writeMedium(8).writeByte(TYPE_GOAWAY).writeByte(0).writeInt(0);
        frame.writeInt(lastStream).writeInt((int) Http2Error.ENHANCE_YOUR_CALM.code());
        return frame;
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
        streamMayOpen = type == TYPE_HEADERS || type == TYPE_CONTINUATION;
        requestFrameSinceCheck |= dataPayload || streamMayOpen;
        if (type == TYPE_WINDOW_UPDATE) {
            if (!windowUpdates.tryTake()) {
                refusal = "more WINDOW_UPDATE frames than " + windowUpdates.perSecond() + " a second";
            }
        } else if (type == TYPE_HEADERS && streamsLeft() <= 0) {
            if (!beyondLimit.tryTake()) {
                refusal = "more streams beyond the concurrent-stream limit than " + REFUSED_STREAM_BURST
                        + " at once or " + REFUSED_STREAM_RATE + " a second";
            }
        } else if (floods(type, length, flags) && !flood.tryTake()) {
            refusal = "more PING, SETTINGS, PRIORITY, RST_STREAM, empty or small DATA frames than " + FLOOD_RATE
                    + " a second";
        }
        remaining = length;
        state = length > 0 ? State.PAYLOAD : State.FRAME_HEADER;
    }

    /**
     * How many more streams the connection may open now: the codec has decoded every frame before this one (the
     * read is handed on in pieces that end after each HEADERS and CONTINUATION frame), so this is exact. A
     * HEADERS frame beyond them opens a stream the codec refuses (REFUSED_STREAM): a client that has not read our
     * SETTINGS yet may send a few, one that floods sends them without end.
     */
    private int streamsLeft() {
        return codec == null ? Integer.MAX_VALUE : codec.connection().remote().maxActiveStreams()
                - codec.connection().remote().numActiveStreams();
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
