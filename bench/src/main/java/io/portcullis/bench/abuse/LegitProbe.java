package io.portcullis.bench.abuse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One legitimate request on its own connection: writes the GET, reads the response head and then the body by its
 * Content-Length (or to the close), and reports once: success with the latency from the scheduled start, or the
 * kind of failure. After a success the connection is left for the server to close (it was asked to), so the
 * client's ports do not pile up in TIME_WAIT; it is closed after a second regardless.
 */
final class LegitProbe extends ChannelInboundHandlerAdapter {

    /** How one request ended; {@code label} is {@code ok}, {@code status-NNN}, or the failure's kind. */
    record Outcome(boolean ok, String label) {
        static Outcome unfinished() {
            return new Outcome(false, "unfinished");
        }
    }

    /** Receives the single outcome. */
    interface Sink {
        void done(Outcome outcome, long latencyNanos);
    }

    private static final int MAX_HEAD = 16 * 1024;

    private final byte[] request;
    private final long scheduled;
    private final Duration timeout;
    private final Sink sink;
    private final AtomicBoolean reported = new AtomicBoolean();
    private ByteBuf received;
    private int status = -1;
    private long bodyLeft = -1;

    LegitProbe(String path, long scheduled, Duration timeout, Sink sink) {
        this.request = ("GET " + path + " HTTP/1.1\r\nHost: bench\r\nUser-Agent: legit\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        this.scheduled = scheduled;
        this.timeout = timeout;
        this.sink = sink;
    }

    /** Reports a failed connect, and a timeout counted from the scheduled start. */
    void watch(ChannelFuture connect, EventLoop timer) {
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                Throwable c = f.cause();
                String kind = c == null ? "?" : c.getClass().getSimpleName();
                if (c != null && c.getMessage() != null && c.getMessage().contains("refused")) {
                    kind = "refused";
                }
                report(new Outcome(false, "connect-" + kind));
            }
        });
        long left = scheduled + timeout.toNanos() - System.nanoTime();
        timer.schedule(() -> {
            if (report(new Outcome(false, "timeout"))) {
                connect.channel().close();
            }
        }, Math.max(0, left), TimeUnit.NANOSECONDS);
    }

    private boolean report(Outcome outcome) {
        if (!reported.compareAndSet(false, true)) {
            return false;
        }
        sink.done(outcome, System.nanoTime() - scheduled);
        return true;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        received = ctx.alloc().buffer(256);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(request));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            if (status < 0) {
                received.writeBytes(in);
                int end = indexOf(received, "\r\n\r\n");
                if (end < 0) {
                    if (received.readableBytes() > MAX_HEAD) {
                        fail(ctx, "bad-response");
                    }
                    return;
                }
                String head = received.toString(0, end, StandardCharsets.ISO_8859_1);
                if (!head.startsWith("HTTP/1.") || head.length() < 12) {
                    fail(ctx, "bad-response");
                    return;
                }
                status = Integer.parseInt(head.substring(9, 12));
                bodyLeft = contentLength(head);
                if (bodyLeft >= 0) {
                    bodyLeft -= received.readableBytes() - end - 4;
                }
            } else if (bodyLeft >= 0) {
                bodyLeft -= in.readableBytes();
            }
            if (bodyLeft == 0) {
                complete(ctx);
            }
        } finally {
            ReferenceCountUtil.release(in);
        }
    }

    private void complete(ChannelHandlerContext ctx) {
        report(new Outcome(status == 200, status == 200 ? "ok" : "status-" + status));
        ctx.executor().schedule(() -> ctx.close(), 1, TimeUnit.SECONDS);
    }

    private void fail(ChannelHandlerContext ctx, String kind) {
        report(new Outcome(false, kind));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (status >= 0 && bodyLeft < 0) {
            complete(ctx); // a close-delimited body ended
        } else {
            report(new Outcome(false, status < 0 ? "closed" : "closed-mid-body"));
        }
        if (received != null) {
            received.release();
            received = null;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String m = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
        fail(ctx, m.contains("reset") ? "reset" : "error-" + cause.getClass().getSimpleName());
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                return Long.parseLong(line.substring(colon + 1).trim());
            }
        }
        return -1;
    }

    private static int indexOf(ByteBuf b, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = b.readerIndex(); i + n.length <= b.writerIndex(); i++) {
            for (int j = 0; j < n.length; j++) {
                if (b.getByte(i + j) != n[j]) {
                    continue outer;
                }
            }
            return i - b.readerIndex();
        }
        return -1;
    }
}
