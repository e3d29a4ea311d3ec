package io.portcullis.gateway.http;

import static java.util.Objects.requireNonNull;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Reason;
import io.portcullis.engine.Source;
import io.portcullis.gateway.ChannelAttributes;
import io.portcullis.gateway.settings.RouteSettings;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * The last stage of an API's HTTP pipeline: admits each request (target, route, method, body size, rate limits)
 * and forwards it through an {@link Exchange}. One instance per HTTP/1.1 connection or per HTTP/2 stream.
 *
 * <p>Design: requests are handled one at a time per channel; a pipelined HTTP/1.1 request that arrives while one
 * is in flight is queued (auto-read is off then, so the queue holds at most one read's worth) and replayed when
 * the response completes. The settings snapshot is taken once per request from the supplier, so a reload applies
 * to the next request and never to one in flight. Refusals answer with the fixed bodies of
 * {@link ErrorResponses}; the reason goes to the log and the counters only. A refused request with a body closes
 * the connection, so the unread body cannot be mistaken for the next request.
 */
public final class ProxyHandler extends ChannelInboundHandlerAdapter {

    private final Supplier<ApiRuntime> runtime;
    private final ProxyServices services;
    private final RequestAdmission admission;
    private final boolean tls;
    private final boolean http2;
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private ChannelHandlerContext context;
    private Exchange current;
    private boolean closing;

    public ProxyHandler(Supplier<ApiRuntime> runtime, ProxyServices services, boolean tls, boolean http2) {
        this.runtime = requireNonNull(runtime, "runtime");
        this.services = requireNonNull(services, "services");
        this.admission = new RequestAdmission(services.rateLimiter());
        this.tls = tls;
        this.http2 = http2;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!closing && current != null && (current.requestDone() || !pending.isEmpty())) {
            pending.add(msg);
            ctx.channel().config().setAutoRead(false);
        } else {
            dispatch(ctx, msg);
        }
    }

    private void dispatch(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
        } else if (current != null && msg instanceof HttpContent part) {
            current.onClientContent(part);
        } else if (msg instanceof HttpRequest request) {
            startRequest(ctx, request);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void startRequest(ChannelHandlerContext ctx, HttpRequest request) {
        ApiRuntime api = runtime.get();
        boolean hasBody;
        try {
            hasBody = HttpUtil.getContentLength(request, 0L) > 0 || HttpUtil.isTransferEncodingChunked(request);
        } catch (NumberFormatException e) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, HttpReasons.BAD_REQUEST, "Content-Length is not a number", true);
            return;
        }
        boolean keepAlive = http2 || HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, HttpReasons.BAD_REQUEST,
                    "decoder: " + request.decoderResult().cause(), true);
            return;
        }
        Source source = ChannelAttributes.source(ctx.channel());
        RequestAdmission.Verdict verdict = admission.admit(api, source, request);
        if (verdict.refusal() != null) {
            ctx.channel().config().setAutoRead(true);
            RequestAdmission.Refusal r = verdict.refusal();
            services.rejections().record(Decision.deny(r.reason(), r.decidedBy(), r.detail()),
                    ctx.channel().remoteAddress());
            boolean close = !http2 && (hasBody || !keepAlive || r.status() == HttpResponseStatus.BAD_REQUEST);
            FullHttpResponse response = ErrorResponses.of(r.status(), close);
            r.headers().forEach(h -> response.headers().set(h.getKey(), h.getValue()));
            writeError(ctx, response, close);
            closing |= close;
            return;
        }
        if (!http2 && HttpUtil.is100ContinueExpected(request)) {
            // Admitted (size and rate checked), so the client may send its body now.
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
        int routeIndex = verdict.routeIndex();
        ApiRuntime.Upstream upstream = api.upstream(routeIndex);
        HttpHeaders headers = request.headers().copy();
        ForwardingHeaders.stripHopByHop(headers);
        headers.remove("x-http2-scheme");
        headers.remove("x-http2-stream-id");
        headers.remove("x-http2-path");
        ForwardingHeaders.setForwarded(headers, source.address(), tls);
        if (!headers.contains(HttpHeaderNames.HOST)) {
            headers.set(HttpHeaderNames.HOST, upstream.hostHeader());
        }
        if (hasBody && !headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, "chunked");
        }
        HttpRequest upstreamRequest = new DefaultHttpRequest(HttpVersion.HTTP_1_1, request.method(),
                RequestTargets.upstreamTarget(upstream.basePath(), request.uri()), headers);
        long maxBody = routeIndex >= 0 ? routeMaxBody(api.router().route(routeIndex), api) : api.settings().limits().maxBodyBytes();
        current = new Exchange(this, ctx, services, api, upstream, upstreamRequest, keepAlive,
                http2 ? ResponseFraming.ClientProtocol.HTTP_2 : request.protocolVersion().equals(HttpVersion.HTTP_1_0)
                        ? ResponseFraming.ClientProtocol.HTTP_1_0 : ResponseFraming.ClientProtocol.HTTP_1_1, maxBody);
        current.start();
        if (request instanceof HttpContent full) {
            HttpContent body = full.content().isReadable()
                    ? new DefaultLastHttpContent(full.content().retainedDuplicate()) : LastHttpContent.EMPTY_LAST_CONTENT;
            full.release();
            current.onClientContent(body);
        }
    }

    private static long routeMaxBody(RouteSettings route, ApiRuntime api) {
        return route.maxBodyBytes().orElse(api.settings().limits().maxBodyBytes());
    }

    /** The streamed body passed the limit: 413 when possible, and the connection (or stream) is closed. */
    void refuseBody(Exchange exchange, String detail) {
        services.rejections().record(Decision.deny(HttpReasons.BODY_TOO_LARGE, "limits.maxBodyBytes", detail),
                context.channel().remoteAddress());
        closing = true;
        boolean started = exchange.responseStarted();
        exchange.finish(false);
        ChannelHandlerContext ctx = exchange == current ? context : null;
        current = null;
        if (ctx == null) {
            return;
        }
        if (started) {
            ctx.close();
        } else {
            writeError(ctx, ErrorResponses.of(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, !http2), true);
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
    }

    void respondError(ChannelHandlerContext ctx, HttpResponseStatus status, boolean close) {
        if (close) {
            closing = true;
            current = null;
        }
        writeError(ctx, ErrorResponses.of(status, close && !http2), close);
    }

    private void writeError(ChannelHandlerContext ctx, FullHttpResponse response, boolean close) {
        if (http2) {
            response.headers().remove(HttpHeaderNames.CONNECTION);
        }
        if (close) {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response);
        }
    }

    private void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, Reason reason, String detail,
                        boolean close) {
        services.rejections().record(Decision.deny(reason, "http", detail), ctx.channel().remoteAddress());
        closing |= close;
        writeError(ctx, ErrorResponses.of(status, close && !http2), close);
    }

    /** The exchange completed and the connection stays open: replay queued requests, then read again. */
    void exchangeDone(Exchange exchange) {
        if (exchange != current) {
            return;
        }
        current = null;
        ChannelHandlerContext ctx = context;
        // Replay the next queued request and as much of its body as was queued.
        while (!pending.isEmpty() && !closing && (current == null || !current.requestDone())) {
            dispatch(ctx, pending.poll());
        }
        if (current != null && !current.requestDone()) {
            current.onClientReadComplete();
            ctx.channel().config().setAutoRead(true); // the rest of its body is still to be read
        }
        if (current == null && !closing) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (current != null) {
            current.onClientReadComplete();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (current != null) {
            current.onClientWritabilityChanged(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ProtocolViolation violation) {
            services.rejections().record(Decision.deny(violation.reason(), "strict-http", violation.detail()),
                    ctx.channel().remoteAddress());
            if (current != null) {
                current.finish(false);
            }
            closing = true;
            if (current != null && current.responseStarted()) {
                ctx.close();
            } else {
                writeError(ctx, ErrorResponses.of(violation.status(), true), true);
            }
            current = null;
        } else if (event instanceof IdleStateEvent) {
            if (current == null) {
                ctx.close();
            }
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (current != null) {
            current.finish(false);
            current = null;
        }
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (current != null) {
            current.finish(false);
            current = null;
        }
        ctx.close();
    }
}
