package io.portcullis.gateway.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Chooses HTTP/2 (prior knowledge: the connection starts with the client preface) or HTTP/1.1 on a cleartext
 * connection by looking at no more than the first 24 bytes, then replaces itself with the chosen stages. A
 * connection that stays idle before that is closed.
 */
final class CleartextProtocolSniffer extends ByteToMessageDecoder {

    private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();

    private final BiConsumer<ChannelHandlerContext, Boolean> configure;

    /** {@code configure} receives true for HTTP/2 and installs the stages after this handler. */
    CleartextProtocolSniffer(BiConsumer<ChannelHandlerContext, Boolean> configure) {
        this.configure = configure;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int n = Math.min(in.readableBytes(), PREFACE.readableBytes());
        boolean prefix = true;
        for (int i = 0; i < n && prefix; i++) {
            prefix = in.getByte(in.readerIndex() + i) == PREFACE.getByte(PREFACE.readerIndex() + i);
        }
        if (prefix && n < PREFACE.readableBytes()) {
            return;
        }
        configure.accept(ctx, prefix);
        ctx.pipeline().remove(this);
    }

    /** Idle before the protocol is known: nothing (or only part of a preface) arrived, and nothing will answer. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            ctx.close();
        } else {
            super.userEventTriggered(ctx, event);
        }
    }
}
