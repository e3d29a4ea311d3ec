package io.portcullis.gateway.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.portcullis.gateway.ConnectionContext;
import io.portcullis.gateway.guard.AcceptGuardHandler;
import io.portcullis.gateway.http.ApiRuntime;
import io.portcullis.gateway.http.Http2FrameGuard;
import io.portcullis.gateway.http.Http1RequestDecoder;
import io.portcullis.gateway.http.ProxyHandler;
import io.portcullis.gateway.observe.ConnectionTrace;
import io.portcullis.gateway.proxy.ProxyProtocolHandler;
import io.portcullis.gateway.settings.ApiSettings;
import io.portcullis.settings.ProxyProtocol;
import io.portcullis.gateway.tls.TlsIdentityHandler;

/**
 * Assembles one connection's pipeline for an API, in the order a connection meets the stages:
 *
 * <ol>
 *   <li>{@code trace}: the connection's {@link ConnectionTrace} (bytes, events), shared by every later stage;
 *       what the stages learn goes to the {@link ConnectionContext} made at accept;</li>
 *   <li>{@code proxy-protocol}: the PROXY header, when the API expects one; it passes the source it names down to
 *       the guard;</li>
 *   <li>{@code guard}: blocklist, security-group admission and connection limits, on the true source and before
 *       any HTTP (or TLS) byte is read; the stages after it see {@code channelActive} and bytes only once the
 *       connection is admitted;</li>
 *   <li>{@code idle}: closes connections with no traffic for the idle timeout;</li>
 *   <li>{@code tls} and {@code tls-identity} then ALPN, or a cleartext sniffer for h2c prior knowledge;</li>
 *   <li>HTTP/1.1: {@code http1} (the strict request decoder), {@code proxy} (which writes responses
 *       as bytes); HTTP/2: {@code h2-guard} (slow heads, idle, frame floods), frame
 *       codec and multiplexer, with a per-stream converter and {@code proxy}.</li>
 * </ol>
 *
 * Connection-level stages use the settings snapshot current at accept; the proxy stage reads the current one per
 * request.
 */
final class ApiChannelInitializer extends ChannelInitializer<SocketChannel> {

    /** Streams one HTTP/2 connection may have open at once (advertised, and enforced from the first frame). */
    static final int MAX_CONCURRENT_STREAMS = 128;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiChannelInitializer.class);

    private final ApiListener listener;
    private final GatewayServer.Services services;

    ApiChannelInitializer(ApiListener listener, GatewayServer.Services services) {
        this.listener = listener;
        this.services = services;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ApiRuntime api = listener.runtime();
        ApiSettings settings = api.settings();
        ChannelPipeline p = ch.pipeline();
        boolean proxyProtocol = settings.proxyProtocol() != ProxyProtocol.OFF;
        ConnectionContext connection = ConnectionContext.attach(ch, services.connectionIds().incrementAndGet(),
                settings.name(), api.sslContext().isPresent(), services.ticker().read());
        ConnectionTrace trace = new ConnectionTrace(connection, api.meters(), settings.plan(), services.proxy().listener(),
                services.proxy().rejections(), services.clock(), services.ticker(), services.penalties());
        p.addLast("trace", trace);
        services.connections().add(ch);
        if (proxyProtocol) {
            p.addLast("proxy-protocol", new ProxyProtocolHandler(settings.proxyProtocol(), api.trustedProxies(),
                    trace, settings.timeouts().headerRead()));
        }
        p.addLast("guard", new AcceptGuardHandler(proxyProtocol, services.guard(), services.blocklist(),
                listener.limiter(), () -> listener.runtime().settings().limits(), connection, trace,
                services.clock(), services.ticker(), services.penalties(), services.proxy().shadow()));
        p.addLast("idle", new IdleTimeout(settings.timeouts().idle(), services.ticker()));
        if (api.sslContext().isPresent()) {
            SslContext ssl = api.sslContext().get();
            p.addLast("tls", ssl.newHandler(ch.alloc()));
            p.addLast("tls-identity", new TlsIdentityHandler(
                    settings.tls().orElseThrow().bindCertificateToWorkload(), connection, trace));
            p.addLast("alpn", new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
                @Override
                protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                    configureHttp(ctx.pipeline(), api, connection, trace,
                            ApplicationProtocolNames.HTTP_2.equals(protocol));
                }
            });
        } else {
            p.addLast("sniff", new CleartextProtocolSniffer(
                    (ctx, h2) -> configureHttp(ctx.pipeline(), api, connection, trace, h2)));
        }
    }

    private void configureHttp(ChannelPipeline p, ApiRuntime api, ConnectionContext connection, ConnectionTrace trace,
                               boolean http2) {
        int maxHeader = api.settings().limits().maxHeaderBytes();
        if (http2) {
            p.addLast("h2-guard", new Http2FrameGuard(api.settings().timeouts().headerRead(),
                    api.settings().timeouts().idle(), trace, services.ticker()));
            Http2FrameCodec codec = Http2FrameCodecBuilder.forServer()
                    .initialSettings(Http2Settings.defaultSettings().maxHeaderListSize(maxHeader)
                            .maxConcurrentStreams(MAX_CONCURRENT_STREAMS))
                    .validateHeaders(true).build();
            // The advertised limit applies from the first frame: Netty enforces it only once the client has
            // acknowledged our SETTINGS, and a client that never does could open streams without bound.
            codec.connection().remote().maxActiveStreams(MAX_CONCURRENT_STREAMS);
            p.addLast("h2", codec);
            p.addLast("h2-streams", new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel stream) {
                    stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true),
                            new ProxyHandler(listener::runtime, services.proxy(), connection, trace, true));
                }
            }));
            p.addLast("h2-idle", new IdleCloser(trace));
            return;
        }
        p.addLast("http1", new Http1RequestDecoder(maxHeader, api.settings().timeouts().headerRead(),
                services.ticker()));
        p.addLast("proxy", new ProxyHandler(listener::runtime, services.proxy(), connection, trace, false));
    }

    /**
     * Closes an HTTP/2 connection that was idle (no frames either way) for the idle timeout, and ends one whose
     * codec raised an error (a protocol error, too many resets): the codec has already sent its GOAWAY, and the
     * error is the client's, so it is logged at debug level, not as an unhandled exception per connection.
     */
    private static final class IdleCloser extends ChannelInboundHandlerAdapter {
        private final ConnectionTrace trace;

        IdleCloser(ConnectionTrace trace) {
            this.trace = trace;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof IdleStateEvent) {
                ctx.close();
            } else {
                ctx.fireUserEventTriggered(event);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("HTTP/2 connection error peer={}: {}", ctx.channel().remoteAddress(), cause.toString());
            if (cause instanceof Http2Exception e && e.error() == Http2Error.ENHANCE_YOUR_CALM) {
                trace.strike(); // a flood the codec caught (its rapid-reset limit): a penalty at once
            } else if (cause instanceof Http2Exception) {
                trace.mayBeRefusedAgain(); // another protocol error: a refusal charged to the source
            }
            ctx.close();
        }
    }
}
