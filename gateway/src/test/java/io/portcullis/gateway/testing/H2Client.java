package io.portcullis.gateway.testing;

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
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** An HTTP/2 client with prior knowledge (h2c) on Netty's codec, bound to a chosen loopback address. */
public final class H2Client implements AutoCloseable {

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final Channel connection;
    private final CompletableFuture<Long> goAway = new CompletableFuture<>();

    public H2Client(String localAddress, int port) throws InterruptedException {
        connection = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .localAddress(localAddress, 0)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forClient().build(),
                                new Http2MultiplexHandler(new SimpleChannelInboundHandler<Object>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, Object msg) { }
                                }),
                                new SimpleChannelInboundHandler<Http2GoAwayFrame>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, Http2GoAwayFrame frame) {
                                        goAway.complete(frame.errorCode());
                                    }
                                });
                    }
                })
                .connect("127.0.0.1", port).sync().channel();
    }

    /** The error code of the first GOAWAY the server sent (completes when it arrives). */
    public CompletableFuture<Long> goAway() {
        return goAway;
    }

    public boolean isActive() {
        return connection.isActive();
    }

    /** Sends one request on a new stream; completes with "STATUS\nBODY" (or a marker when the stream closes). */
    public CompletableFuture<String> exchange(String method, String path, byte[] body) throws InterruptedException {
        return exchange(method, path, body, List.of());
    }

    /**
     * As {@link #exchange(String, String, byte[])}, with more header fields in order (a name may repeat), sent as
     * given: values are not checked.
     */
    public CompletableFuture<String> exchange(String method, String path, byte[] body,
                                              List<Map.Entry<String, String>> extra) throws InterruptedException {
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
        extra.forEach(field -> headers.add(field.getKey(), field.getValue()));
        stream.write(new DefaultHttp2HeadersFrame(headers, body == null));
        if (body != null) {
            stream.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(body), true));
        }
        stream.flush();
        return result;
    }

    @Override
    public void close() {
        connection.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
