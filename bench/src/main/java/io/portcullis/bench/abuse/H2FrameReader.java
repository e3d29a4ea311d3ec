package io.portcullis.bench.abuse;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import java.util.List;

/**
 * Cuts the server's bytes into HTTP/2 frames and tells a {@link Listener} about the ones an attack reacts to.
 * Header blocks (HEADERS and its CONTINUATIONs) are assembled and decoded with Netty's HPACK decoder, which must
 * see every block of the connection in order to keep its dynamic table, so that a response's {@code :status}
 * can be counted. Padding and priority fields of HEADERS are skipped.
 */
final class H2FrameReader extends ByteToMessageDecoder {

    /** The frames an attack reacts to; payloads are valid during the call only. */
    interface Listener {
        void onSettings(ChannelHandlerContext ctx, boolean ack, ByteBuf payload);

        /** A complete response header block; {@code status} is null for trailers. */
        void onHeaders(ChannelHandlerContext ctx, int stream, CharSequence status, boolean endStream);

        void onData(ChannelHandlerContext ctx, int stream, int length, boolean endStream);

        void onRstStream(ChannelHandlerContext ctx, int stream, long errorCode);

        void onGoaway(ChannelHandlerContext ctx, long errorCode);

        void onPing(ChannelHandlerContext ctx, boolean ack, long payload);

        void onWindowUpdate(ChannelHandlerContext ctx, int stream, int increment);
    }

    private final Listener listener;
    private final AttackStats stats;
    private final DefaultHttp2HeadersDecoder hpack = new DefaultHttp2HeadersDecoder(false);
    private ByteBuf headerBlock;
    private int headerBlockStream;
    private boolean headerBlockEndsStream;

    H2FrameReader(Listener listener, AttackStats stats) {
        this.listener = listener;
        this.stats = stats;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        while (in.readableBytes() >= H2Wire.FRAME_HEADER) {
            int length = in.getUnsignedMedium(in.readerIndex());
            if (in.readableBytes() < H2Wire.FRAME_HEADER + length) {
                return;
            }
            int type = in.getUnsignedByte(in.readerIndex() + 3);
            int flags = in.getUnsignedByte(in.readerIndex() + 4);
            int stream = in.getInt(in.readerIndex() + 5) & 0x7fffffff;
            in.skipBytes(H2Wire.FRAME_HEADER);
            ByteBuf payload = in.readSlice(length);
            stats.count("h2.frames_received");
            frame(ctx, type, flags, stream, payload);
        }
    }

    private void frame(ChannelHandlerContext ctx, int type, int flags, int stream, ByteBuf payload)
            throws Http2Exception {
        boolean ack = (flags & H2Wire.FLAG_ACK) != 0;
        boolean endStream = (flags & H2Wire.FLAG_END_STREAM) != 0;
        switch (type) {
            case H2Wire.SETTINGS -> listener.onSettings(ctx, ack, payload);
            case H2Wire.HEADERS, H2Wire.CONTINUATION -> headerBlock(ctx, type, flags, stream, payload);
            case H2Wire.DATA -> listener.onData(ctx, stream, payload.readableBytes(), endStream);
            case H2Wire.RST_STREAM -> listener.onRstStream(ctx, stream, payload.getUnsignedInt(payload.readerIndex()));
            case H2Wire.GOAWAY -> listener.onGoaway(ctx, payload.getUnsignedInt(payload.readerIndex() + 4));
            case H2Wire.PING -> listener.onPing(ctx, ack, payload.getLong(payload.readerIndex()));
            case H2Wire.WINDOW_UPDATE ->
                    listener.onWindowUpdate(ctx, stream, payload.getInt(payload.readerIndex()) & 0x7fffffff);
            default -> { }
        }
    }

    private void headerBlock(ChannelHandlerContext ctx, int type, int flags, int stream, ByteBuf payload)
            throws Http2Exception {
        if (type == H2Wire.HEADERS) {
            int padding = (flags & H2Wire.FLAG_PADDED) != 0 ? payload.readUnsignedByte() : 0;
            if ((flags & H2Wire.FLAG_PRIORITY) != 0) {
                payload.skipBytes(5);
            }
            release();
            headerBlock = ctx.alloc().buffer();
            headerBlock.writeBytes(payload, payload.readerIndex(), payload.readableBytes() - padding);
            headerBlockStream = stream;
            headerBlockEndsStream = (flags & H2Wire.FLAG_END_STREAM) != 0;
        } else if (headerBlock != null) {
            headerBlock.writeBytes(payload);
        }
        if (headerBlock == null || (flags & H2Wire.FLAG_END_HEADERS) == 0) {
            return;
        }
        Http2Headers headers;
        try {
            headers = hpack.decodeHeaders(headerBlockStream, headerBlock);
        } finally {
            release();
        }
        listener.onHeaders(ctx, headerBlockStream, headers.status(), headerBlockEndsStream);
    }

    private void release() {
        if (headerBlock != null) {
            headerBlock.release();
            headerBlock = null;
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        release();
    }
}
