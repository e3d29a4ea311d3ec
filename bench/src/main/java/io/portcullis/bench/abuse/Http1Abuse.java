package io.portcullis.bench.abuse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One attacking HTTP/1.1 connection. What it writes depends on the {@link Mode}; on every mode it reads what the
 * proxy answers (except {@code NON_READING}, which never reads) and counts the status of the first response.
 */
final class Http1Abuse extends ChannelInboundHandlerAdapter {

    /** The HTTP/1.1 attack classes. */
    enum Mode {
        /** A request head trickled one header line per interval, never finished. */
        SLOWLORIS,
        /** A POST whose head announces a body that never comes. */
        SLOW_BODY,
        /** A GET for a large response, then no read at all (a tiny receive buffer). */
        NON_READING,
        /** A chunked POST whose body is 1-byte chunks, written as fast as the connection takes them. */
        CHUNK_FLOOD,
        /** One GET answered, then the connection is held idle. */
        IDLE,
        /** A GET from a refused source; closed (reset) as soon as anything comes back. */
        CONNECT_FLOOD
    }

    /** The request paths of the harness's upstream. */
    record Paths(String fast, String large, String upload) {}

    private static final ByteBuf CHUNKS = chunkBatch(16 * 1024);

    private final Mode mode;
    private final Paths paths;
    private final Duration trickle;
    private final long announcedBody;
    private final AttackStats stats;
    private final byte[] statusLine = new byte[12];
    private int statusFill;
    private boolean answered;
    private ScheduledFuture<?> trickling;
    private int trickled;

    Http1Abuse(Mode mode, Paths paths, Duration trickle, long announcedBody, AttackStats stats) {
        this.mode = mode;
        this.paths = paths;
        this.trickle = trickle;
        this.announcedBody = announcedBody;
        this.stats = stats;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        String host = "Host: bench\r\nUser-Agent: abuse-" + mode.name().toLowerCase() + "\r\n";
        switch (mode) {
            case SLOWLORIS -> {
                write(ctx, "GET " + paths.fast() + " HTTP/1.1\r\n" + host);
                trickling = ctx.executor().scheduleAtFixedRate(
                        () -> write(ctx, "X-Trickle-" + (trickled++) + ": x\r\n"),
                        trickle.toNanos(), trickle.toNanos(), TimeUnit.NANOSECONDS);
            }
            case SLOW_BODY -> write(ctx, "POST " + paths.upload() + " HTTP/1.1\r\n" + host
                    + "Content-Type: application/octet-stream\r\nContent-Length: " + announcedBody + "\r\n\r\n");
            case NON_READING -> write(ctx, "GET " + paths.large() + " HTTP/1.1\r\n" + host + "\r\n");
            case CHUNK_FLOOD -> {
                write(ctx, "POST " + paths.upload() + " HTTP/1.1\r\n" + host
                        + "Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
                pump(ctx);
            }
            case IDLE, CONNECT_FLOOD -> write(ctx, "GET " + paths.fast() + " HTTP/1.1\r\n" + host + "\r\n");
        }
    }

    private void write(ChannelHandlerContext ctx, String s) {
        ByteBuf b = Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
        stats.add("bytes_sent", b.readableBytes());
        ctx.writeAndFlush(b);
    }

    /** Writes 1-byte chunks until the connection stops taking them; resumed when it is writable again. */
    private void pump(ChannelHandlerContext ctx) {
        int chunks = CHUNKS.readableBytes() / 6;
        while (ctx.channel().isActive() && ctx.channel().isWritable()) {
            ctx.write(CHUNKS.retainedDuplicate());
            stats.add("h1.chunks", chunks);
            stats.add("bytes_sent", CHUNKS.readableBytes());
        }
        ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (mode == Mode.CHUNK_FLOOD && ctx.channel().isWritable()) {
            pump(ctx);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            stats.add("bytes_received", in.readableBytes());
            while (!answered && in.isReadable()) {
                statusLine[statusFill++] = in.readByte();
                if (statusFill == statusLine.length) {
                    answered = true;
                    String line = new String(statusLine, StandardCharsets.US_ASCII);
                    stats.count(line.startsWith("HTTP/1.") ? "h1.status." + line.substring(9, 12) : "h1.status.garbage");
                }
            }
        } finally {
            ReferenceCountUtil.release(in);
        }
        if (answered && mode == Mode.CONNECT_FLOOD) {
            ctx.channel().attr(ConnectionKeeper.SELF_CLOSED).set(true);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (trickling != null) {
            trickling.cancel(false);
        }
        if (!answered && mode != Mode.NON_READING && !stats.ending()) {
            stats.count("h1.no_response");
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        stats.count("error." + cause.getClass().getSimpleName());
        ctx.close();
    }

    private static ByteBuf chunkBatch(int approximateBytes) {
        byte[] one = "1\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);
        ByteBuf b = Unpooled.buffer(approximateBytes);
        for (int i = 0; i + one.length <= approximateBytes; i += one.length) {
            b.writeBytes(one);
        }
        return Unpooled.unreleasableBuffer(b.asReadOnly());
    }
}
