package io.portcullis.gateway.server;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** Native epoll where the platform has it ({@link Epoll#isAvailable()}), NIO otherwise. */
record Transport(String name, Class<? extends ServerSocketChannel> serverChannel,
                 Class<? extends SocketChannel> socketChannel) {

    static Transport best() {
        return Epoll.isAvailable()
                ? new Transport("epoll", EpollServerSocketChannel.class, EpollSocketChannel.class)
                : new Transport("nio", NioServerSocketChannel.class, NioSocketChannel.class);
    }

    EventLoopGroup group(int threads) {
        return name.equals("epoll") ? new EpollEventLoopGroup(threads) : new NioEventLoopGroup(threads);
    }
}
