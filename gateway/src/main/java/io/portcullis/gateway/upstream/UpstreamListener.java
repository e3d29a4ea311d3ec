package io.portcullis.gateway.upstream;

import io.netty.handler.codec.http.HttpObject;

/** The exchange that currently owns an upstream connection, told what the connection receives. */
public interface UpstreamListener {

    /** A response head or body part (owned by the listener: release it or pass it on). */
    void onUpstreamRead(HttpObject message);

    /** The end of one read burst: a good moment to flush towards the client. */
    void onUpstreamReadComplete();

    /** The upstream connection can take more writes again (or not). */
    void onUpstreamWritabilityChanged(boolean writable);

    /** The upstream connection closed or failed. */
    void onUpstreamClosed();
}
