package io.portcullis.gateway.upstream;

import io.netty.handler.codec.http.HttpContent;

/** The exchange that currently owns an upstream connection, told what the connection receives. */
public interface UpstreamListener {

    /**
     * A response head (1xx heads included; the final head follows them), valid only during this call: its
     * buffers are reused for the connection's next response.
     */
    void onUpstreamHead(ResponseHead head);

    /**
     * A body part, owned by the listener (release it or pass it on); a
     * {@link io.netty.handler.codec.http.LastHttpContent} ends the response.
     */
    void onUpstreamContent(HttpContent part);

    /** The response broke HTTP/1.1's grammar; the connection is being closed. */
    void onUpstreamMalformed(String detail);

    /** The end of one read burst: a good moment to flush towards the client. */
    void onUpstreamReadComplete();

    /** The upstream connection can take more writes again (or not). */
    void onUpstreamWritabilityChanged(boolean writable);

    /** The upstream connection closed or failed. */
    void onUpstreamClosed();
}
