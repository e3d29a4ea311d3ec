package io.portcullis.gateway.upstream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of an upstream connection: forwards what arrives to the owning {@link UpstreamListener}. A
 * pooled (unowned) connection that receives anything is out of step with its server and is closed.
 */
public final class UpstreamHandler extends ChannelInboundHandlerAdapter {

    private UpstreamListener listener;

    /** Hands the connection to an exchange ({@code null}: back in the pool). Called on the event loop. */
    public void owner(UpstreamListener owner) {
        this.listener = owner;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (listener != null && msg instanceof HttpObject http) {
            listener.onUpstreamRead(http);
        } else {
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (listener != null) {
            listener.onUpstreamReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (listener != null) {
            listener.onUpstreamWritabilityChanged(ctx.channel().isWritable());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        UpstreamListener owner = listener;
        listener = null;
        if (owner != null) {
            owner.onUpstreamClosed();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
