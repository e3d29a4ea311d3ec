package io.portcullis.bench.abuse;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** The clients' event loops: native epoll when it loads (as the gateway uses), NIO otherwise. */
record Loops(EventLoopGroup group, Class<? extends SocketChannel> channelType) implements AutoCloseable {

    static Loops create(int threads) {
        return Epoll.isAvailable()
                ? new Loops(new EpollEventLoopGroup(threads), EpollSocketChannel.class)
                : new Loops(new NioEventLoopGroup(threads), NioSocketChannel.class);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
