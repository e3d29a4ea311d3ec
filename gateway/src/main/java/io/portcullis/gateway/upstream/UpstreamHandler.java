package io.portcullis.gateway.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one handler of an upstream connection: parses the responses it reads ({@link ResponseParser}) and hands
 * them to the owning {@link UpstreamListener}. Requests are written to the connection as bytes by the owner,
 * which says first that a response is due ({@link #expectResponse}).
 *
 * <p>A connection is reusable only while its responses kept to the grammar and ended where they said: a
 * malformed response, bytes beyond a response, or anything read while no request is outstanding (a pooled
 * connection) closes it.
 */
public final class UpstreamHandler extends ChannelInboundHandlerAdapter implements ResponseParser.Sink {

    private static final Logger log = LoggerFactory.getLogger(UpstreamHandler.class);

    private final ResponseParser parser = new ResponseParser();
    private UpstreamListener listener;
    private ChannelHandlerContext context;
    private boolean reusable = true;

    /** Hands the connection to an exchange ({@code null}: back in the pool). Called on the event loop. */
    public void owner(UpstreamListener owner) {
        this.listener = owner;
    }

    /** A request is about to be written: its response is due ({@code head}: the request is HEAD). */
    public void expectResponse(boolean head) {
        parser.expect(head);
    }

    /** Whether the connection may serve another request once its response completed. */
    boolean reusable() {
        return reusable && !parser.busy() && !parser.failed();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            parser.feed(buf, this);
        } finally {
            buf.release();
        }
    }

    @Override
    public void head(ResponseHead head) {
        if (listener != null) {
            listener.onUpstreamHead(head);
        }
    }

    @Override
    public void content(HttpContent part) {
        if (listener != null) {
            listener.onUpstreamContent(part);
        } else {
            part.release();
        }
    }

    @Override
    public void excess() {
        reusable = false;
    }

    @Override
    public void malformed(String detail) {
        reusable = false;
        UpstreamListener owner = listener;
        if (owner != null) {
            owner.onUpstreamMalformed(detail);
        } else {
            log.debug("idle upstream connection {} closed: {}", context.channel().remoteAddress(), detail);
        }
        context.close();
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
        reusable = false;
        parser.closed(this);
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
