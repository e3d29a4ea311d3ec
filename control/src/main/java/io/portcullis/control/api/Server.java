package io.portcullis.control.api;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.portcullis.control.auth.Authenticator;
import io.portcullis.control.store.StoreUnavailableException;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's HTTPS listener on Netty: TLS (client certificates verified against the client CA when one is
 * set), strict HTTP/1.1 with whole bodies, and dispatch of each request on the worker threads: route, authenticate,
 * authorize, handle. The event loops only read and write; long polls park without a thread
 * ({@link CurrentWatch}).
 *
 * <p>Answers: 404 for an unknown path, 405 for a known path with another method, 401 without valid credentials,
 * 403 without a role of the route, 503 while the database does not answer; the reason of a 401 goes to the log only.
 */
public final class Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    /** A bundle is at most 16 MiB of text; JSON escaping may add to it. */
    private static final int MAX_BODY = 40 * 1024 * 1024;

    private final List<Route> routes;
    private final Authenticator authenticator;
    private final ExecutorService workers;
    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup loops = new NioEventLoopGroup(2);
    private final Channel channel;

    private Server(List<Route> routes, Authenticator authenticator, ExecutorService workers, SslContext tls,
                   InetSocketAddress listen) throws InterruptedException {
        this.routes = List.copyOf(routes);
        this.authenticator = authenticator;
        this.workers = workers;
        ServerBootstrap b = new ServerBootstrap().group(boss, loops).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()))
                                .addLast("timeout", new ReadTimeoutHandler(ControlApi.MAX_WAIT_SECONDS + 60))
                                .addLast("http", new HttpServerCodec(4096, 16 * 1024, 64 * 1024))
                                .addLast("gate", new BodyGate())
                                .addLast("body", new HttpObjectAggregator(MAX_BODY))
                                .addLast("api", new Dispatch());
                    }
                });
        try {
            this.channel = b.bind(listen).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            boss.shutdownGracefully();
            loops.shutdownGracefully();
            throw e;
        }
    }

    /** Binds {@code listen} and serves {@code routes}; handlers run on {@code workers}. */
    public static Server start(List<Route> routes, Authenticator authenticator, ExecutorService workers, SslContext tls,
                               InetSocketAddress listen) throws InterruptedException {
        return new Server(routes, requireNonNull(authenticator, "authenticator"), requireNonNull(workers, "workers"),
                requireNonNull(tls, "tls"), requireNonNull(listen, "listen"));
    }

    /** Where it listens (the port chosen when 0 was asked). */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** {@code work}'s reply, or the reply its failure means. */
    static Reply guarded(Supplier<Reply> work) {
        try {
            return work.get();
        } catch (ApiException e) {
            return e.reply();
        } catch (StoreUnavailableException e) {
            LOG.warn("answered 503: {}", e.getMessage());
            return Reply.error(503, "the control plane's database is unavailable (retry later)");
        } catch (RuntimeException e) {
            LOG.error("request failed", e);
            return Reply.error(500, "internal error (see the control plane's log)");
        }
    }

    /**
     * Authenticates a request that carries a body before any of the body is read, so that nobody without
     * credentials makes the control plane buffer up to {@link #MAX_BODY}. The check runs on the workers (verifying
     * a token may fetch keys) with the connection's reads paused; what the codec had already decoded waits here
     * and follows the head once the caller is known. A refusal is the uniform 401, and the connection is closed.
     * {@link Dispatch} authenticates every request again (with its route's roles): this gate only decides whether
     * a body is read at all.
     */
    private final class BodyGate extends io.netty.channel.ChannelInboundHandlerAdapter {

        private List<Object> held; // non-null while a head with a body waits for its caller to be known
        private boolean refused;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (refused) {
                io.netty.util.ReferenceCountUtil.release(msg);
            } else if (held != null) {
                held.add(msg);
            } else if (msg instanceof io.netty.handler.codec.http.HttpRequest req && carriesBody(req)) {
                held = new ArrayList<>(List.of(msg));
                String authorization = req.headers().get(HttpHeaderNames.AUTHORIZATION);
                List<X509Certificate> chain = chain(ctx);
                ctx.channel().config().setAutoRead(false);
                try {
                    workers.execute(() -> {
                        boolean known;
                        try {
                            known = authenticator.authenticate(authorization, chain) instanceof Authenticator.Authenticated;
                        } catch (RuntimeException e) {
                            LOG.warn("authentication failed: {}", e.toString());
                            known = false;
                        }
                        boolean admit = known;
                        ctx.executor().execute(() -> decided(ctx, admit));
                    });
                } catch (RejectedExecutionException e) {
                    ctx.executor().execute(() -> decided(ctx, false));
                }
            } else {
                ctx.fireChannelRead(msg);
            }
        }

        private void decided(ChannelHandlerContext ctx, boolean admit) {
            List<Object> waiting = held;
            held = null;
            if (admit) {
                waiting.forEach(ctx::fireChannelRead);
                ctx.channel().config().setAutoRead(true);
            } else {
                refused = true;
                waiting.forEach(io.netty.util.ReferenceCountUtil::release);
                LOG.info("401 before the body from {}", ctx.channel().remoteAddress());
                send(ctx, false, Reply.error(401, "authentication required (a client certificate or a bearer token)"));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (held != null) {
                held.forEach(io.netty.util.ReferenceCountUtil::release);
                held = null;
            }
            super.channelInactive(ctx);
        }

        private static boolean carriesBody(io.netty.handler.codec.http.HttpRequest req) {
            return HttpUtil.isTransferEncodingChunked(req) || HttpUtil.getContentLength(req, 0L) > 0;
        }
    }

    private final class Dispatch extends SimpleChannelInboundHandler<FullHttpRequest> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            if (!req.decoderResult().isSuccess()) {
                send(ctx, false, Reply.error(400, "malformed HTTP request"));
                return;
            }
            String method = req.method().name();
            QueryStringDecoder uri = new QueryStringDecoder(req.uri());
            String authorization = req.headers().get(HttpHeaderNames.AUTHORIZATION);
            byte[] body = ByteBufUtil.getBytes(req.content());
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            List<X509Certificate> chain = chain(ctx);
            AtomicBoolean answered = new AtomicBoolean();
            java.util.function.Consumer<Reply> respond = r -> {
                if (answered.compareAndSet(false, true)) {
                    send(ctx, keepAlive, r);
                }
            };
            try {
                workers.execute(() -> {
                    Reply r = guarded(() -> handle(method, uri, authorization, body, chain, respond, ctx.channel()));
                    if (r != null) {
                        respond.accept(r);
                    }
                });
            } catch (RejectedExecutionException e) {
                respond.accept(Reply.error(503, "the control plane is busy (retry later)"));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("connection closed: {}", cause.toString());
            ctx.close();
        }
    }

    private Reply handle(String method, QueryStringDecoder uri, String authorization, byte[] body,
                         List<X509Certificate> chain, java.util.function.Consumer<Reply> respond, Channel ch) {
        String path = uri.path();
        Route found = null;
        Map<String, String> params = null;
        boolean pathKnown = false;
        for (Route r : routes) {
            Optional<Map<String, String>> m = r.match(path);
            if (m.isPresent()) {
                pathKnown = true;
                if (r.method().equals(method)) {
                    found = r;
                    params = m.get();
                    break;
                }
            }
        }
        if (found == null) {
            return pathKnown ? Reply.error(405, method + " " + path + ": method not allowed")
                    : Reply.error(404, path + ": no such route (see /v1/openapi.yaml)");
        }
        io.portcullis.control.auth.Caller caller = null;
        if (!found.open()) {
            Authenticator.Outcome who = authenticator.authenticate(authorization, chain);
            if (who instanceof Authenticator.Unauthenticated u) {
                LOG.info("401 {} {} from {}: {}", method, path, ch.remoteAddress(), u.reason());
                return Reply.error(401, "authentication required (a client certificate or a bearer token)");
            }
            caller = ((Authenticator.Authenticated) who).caller();
            if (!caller.holdsAny(found.roles())) {
                LOG.info("403 {} {} for {} (roles {})", method, path, caller.name(), caller.roles());
                return Reply.error(403, method + " " + found.template() + " needs one of the roles "
                        + String.join(", ", found.roleIds()));
            }
        }
        Call call = new Call(caller, params, uri.parameters(), body, respond,
                action -> ch.closeFuture().addListener(f -> action.run()));
        try {
            return found.handler().handle(call);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<X509Certificate> chain(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return List.of();
        }
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : ssl.engine().getSession().getPeerCertificates()) {
                if (c instanceof X509Certificate x) {
                    out.add(x);
                }
            }
            return out;
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }

    private static void send(ChannelHandlerContext ctx, boolean keepAlive, Reply r) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
                Unpooled.wrappedBuffer(r.body()));
        if (r.status() != 204) {
            res.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        }
        if (r.body().length > 0) {
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        }
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res);
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        boss.shutdownGracefully();
        loops.shutdownGracefully();
    }
}
