package io.portcullis.gateway.http;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.portcullis.decision.Decision;
import io.portcullis.gateway.observe.ConnectionTrace;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP/2 counterpart of the HTTP/1.1 header-read and idle timeouts: a client that trickles the bytes of a
 * request head (slowloris) holds its connection for at most {@code headerRead}, and one that keeps an idle
 * connection alive with control frames alone (PING every few seconds) for at most about twice {@code idle}.
 *
 * <p>Design: sits in front of the frame codec and scans frame boundaries on the raw inbound bytes without copying
 * them: the 24-byte client preface, then 9-byte frame headers (24-bit length, type, flags) and payloads. The
 * connection is "in a head" while it is inside the preface, an incomplete frame header, an incomplete frame of any
 * type but DATA, or a header block that a HEADERS (or PUSH_PROMISE) frame opened without END_HEADERS and no
 * CONTINUATION with END_HEADERS has closed yet. The timer starts at the first byte of a head and progress does not
 * extend it, as in HTTP/1.1; when it fires the connection is closed (no stream exists to answer) and refused with
 * {@code protocol/header-timeout}. DATA payloads (request bodies) are not timed, as in HTTP/1.1.
 *
 * <p>Idle: the generic idle handler counts any traffic, and PINGs are traffic. So a check every {@code idle}
 * closes the connection when no HEADERS, CONTINUATION or DATA frame started since the previous check and no
 * stream is open (a long response keeps its stream open). Event-loop confined; a few field updates per buffer.
 */
public final class Http2HeadTimeout extends ChannelInboundHandlerAdapter {

    private static final int PREFACE_LENGTH = 24;
    private static final int FRAME_HEADER_LENGTH = 9;
    private static final int TYPE_DATA = 0x0;
    private static final int TYPE_HEADERS = 0x1;
    private static final int TYPE_PUSH_PROMISE = 0x5;
    private static final int TYPE_CONTINUATION = 0x9;
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
    private Deadline headDeadline;
    private ScheduledFuture<?> idleCheck;
    private boolean requestFrameSinceCheck = true;

    public Http2HeadTimeout(Duration timeout, Duration idle, ConnectionTrace trace) {
        this.timeout = requireNonNull(timeout, "timeout");
        this.idle = requireNonNull(idle, "idle");
        this.trace = requireNonNull(trace, "trace");
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        headDeadline = new Deadline(ctx.executor(), () -> expired(ctx));
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
        if (msg instanceof ByteBuf buf) {
            scan(buf);
            if (!inHead()) {
                headDeadline.disarm();
            } else if (!headDeadline.armed()) {
                headDeadline.arm(timeout.toNanos()); // from the head's first byte; progress does not extend it
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void scan(ByteBuf buf) {
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        while (i < end) {
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
        boolean endHeaders = (frameHeader[4] & FLAG_END_HEADERS) != 0;
        if (type == TYPE_HEADERS || type == TYPE_PUSH_PROMISE || type == TYPE_CONTINUATION) {
            headerBlockOpen = !endHeaders;
        }
        dataPayload = type == TYPE_DATA;
        requestFrameSinceCheck |= dataPayload || type == TYPE_HEADERS || type == TYPE_CONTINUATION;
        remaining = length;
        state = length > 0 ? State.PAYLOAD : State.FRAME_HEADER;
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
