package io.portcullis.gateway.server;

import io.netty.channel.Channel;
import io.portcullis.gateway.guard.ConnectionLimiter;
import io.portcullis.gateway.http.ApiRuntime;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One bound API: its current compiled settings (swapped whole on reload), its connection counters (which
 * outlive reloads) and its server channel.
 */
final class ApiListener {

    private final AtomicReference<ApiRuntime> runtime;
    private final ConnectionLimiter limiter = new ConnectionLimiter();
    private volatile Channel serverChannel;

    ApiListener(ApiRuntime initial) {
        this.runtime = new AtomicReference<>(initial);
    }

    ApiRuntime runtime() {
        return runtime.get();
    }

    void swap(ApiRuntime next) {
        runtime.set(next);
    }

    ConnectionLimiter limiter() {
        return limiter;
    }

    Channel serverChannel() {
        return serverChannel;
    }

    void serverChannel(Channel channel) {
        this.serverChannel = channel;
    }
}
