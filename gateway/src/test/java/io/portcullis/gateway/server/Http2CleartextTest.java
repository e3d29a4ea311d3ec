package io.portcullis.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.gateway.settings.Limits;
import io.portcullis.gateway.testing.Gateways;
import io.portcullis.gateway.testing.TestGuards;
import io.portcullis.gateway.testing.TestUpstream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTP/2 with prior knowledge on a cleartext connection (h2c), with Netty's HTTP/2 client. */
class Http2CleartextTest {

    static TestUpstream upstream;
    static GatewayServer gateway;
    static EventLoopGroup clientGroup = new NioEventLoopGroup(1);
    static Channel connection;

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream();
        gateway = GatewayServer.builder(new GatewaySettings(List.of(Gateways.api(upstream.uri())
                .limits(Limits.DEFAULT.withMaxBodyBytes(1000)).build())), new TestGuards())
                .workerThreads(1).build().start();
        connection = new Bootstrap().group(clientGroup).channel(NioSocketChannel.class)
                .localAddress("127.0.0.2", 0)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forClient().build(),
                                new Http2MultiplexHandler(new SimpleChannelInboundHandler<Object>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, Object msg) { }
                                }));
                    }
                })
                .connect("127.0.0.1", gateway.port("orders")).sync().channel();
    }

    @AfterAll
    static void stop() {
        connection.close();
        clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        gateway.close();
        upstream.close();
    }

    /** Sends one request on a new stream; completes with "STATUS\nBODY". */
    private static CompletableFuture<String> exchange(String method, String path, byte[] body) throws Exception {
        CompletableFuture<String> result = new CompletableFuture<>();
        StringBuilder text = new StringBuilder();
        Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection).handler(
                new SimpleChannelInboundHandler<Http2StreamFrame>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, Http2StreamFrame frame) {
                        boolean end = false;
                        if (frame instanceof Http2HeadersFrame headers) {
                            text.append(headers.headers().status()).append('\n');
                            end = headers.isEndStream();
                        } else if (frame instanceof Http2DataFrame data) {
                            text.append(data.content().toString(StandardCharsets.UTF_8));
                            end = data.isEndStream();
                        }
                        if (end) {
                            result.complete(text.toString());
                        }
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) {
                        result.complete(text + "<stream closed>");
                    }
                }).open().sync().getNow();
        DefaultHttp2Headers headers = new DefaultHttp2Headers();
        headers.method(method).path(path).scheme("http").authority("orders.internal");
        stream.write(new DefaultHttp2HeadersFrame(headers, body == null));
        if (body != null) {
            stream.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(body), true));
        }
        stream.flush();
        return result;
    }

    @Test
    void servesConcurrentStreamsOnOneConnection() throws Exception {
        List<CompletableFuture<String>> responses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            responses.add(exchange("GET", "/echo?stream=" + i, null));
        }
        for (int i = 0; i < 20; i++) {
            assertThat(responses.get(i).get(5, TimeUnit.SECONDS)).startsWith("200\n")
                    .contains("target=/echo?stream=" + i + "\n").contains("x-forwarded-for=127.0.0.2")
                    .contains("host=orders.internal");
        }
    }

    @Test
    void streamsARequestBodyAndRefusesOneOverTheLimit() throws Exception {
        assertThat(exchange("POST", "/echo", new byte[900]).get(5, TimeUnit.SECONDS)).startsWith("200\n")
                .contains("body=900");
        assertThat(exchange("POST", "/echo", new byte[1500]).get(5, TimeUnit.SECONDS)).startsWith("413\n")
                .contains("Payload Too Large");
        assertThat(connection.isActive()).isTrue();
    }
}
