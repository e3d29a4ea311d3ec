package io.portcullis.gateway.invariant;

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
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/2 client with prior knowledge (h2c) on Netty's codec, bound to a chosen loopback address, that keeps
 * each response's header fields (the shared {@code H2Client} keeps only the status and body): a response's
 * {@code x-request-id} ties it to the gateway's event.
 */
final class H2Session implements AutoCloseable {

    /** A response: its status ({@code -1} when the stream was reset or the connection ended first), fields, body. */
    record Response(int status, Map<String, List<String>> headers, String body) {

        String value(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final Channel connection;

    H2Session(String localAddress, int port) throws InterruptedException {
        connection = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .localAddress(localAddress, 0)
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
                .connect("127.0.0.1", port).sync().channel();
    }

    int localPort() {
        return ((InetSocketAddress) connection.localAddress()).getPort();
    }

    /**
     * Sends one request on a new stream, with more header fields in order (sent as given, unchecked); {@code body}
     * {@code null} ends the stream with the headers.
     */
    CompletableFuture<Response> exchange(String method, String path, byte[] body,
                                         List<Map.Entry<String, String>> extra) throws InterruptedException {
        CompletableFuture<Response> result = new CompletableFuture<>();
        Map<String, List<String>> fields = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        int[] status = {-1};
        Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection).handler(
                new SimpleChannelInboundHandler<Http2StreamFrame>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, Http2StreamFrame frame) {
                        boolean end = false;
                        if (frame instanceof Http2HeadersFrame headers) {
                            CharSequence code = headers.headers().status();
                            if (code != null && status[0] < 0) {
                                status[0] = Integer.parseInt(code.toString());
                            }
                            headers.headers().forEach(f -> fields.computeIfAbsent(f.getKey().toString(),
                                    k -> new ArrayList<>()).add(f.getValue().toString()));
                            end = headers.isEndStream();
                        } else if (frame instanceof Http2DataFrame data) {
                            text.append(data.content().toString(StandardCharsets.ISO_8859_1));
                            end = data.isEndStream();
                        }
                        if (end) {
                            result.complete(new Response(status[0], fields, text.toString()));
                        }
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) {
                        result.complete(new Response(-1, fields, text + "<stream closed>"));
                    }
                }).open().await().getNow();
        if (stream == null) { // the connection ended (GOAWAY or closed)
            result.complete(new Response(-1, fields, "<no stream>"));
            return result;
        }
        DefaultHttp2Headers headers = new DefaultHttp2Headers(false);
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
