package io.portcullis.gateway;

import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.AttributeKey;
import io.portcullis.decision.Admission;
import io.portcullis.decision.Source;
import io.portcullis.gateway.tls.ClientIdentity;

/**
 * What the connection-level stages learned about a connection, for later layers (identity, policy, audit):
 * typed channel attributes set once and never changed. On HTTP/2 the attributes live on the connection
 * (parent) channel; the accessors here look there for stream channels.
 */
public final class ChannelAttributes {

    /** The source resolved at accept time (set when the connection is admitted). */
    public static final AttributeKey<Source> SOURCE = AttributeKey.valueOf("portcullis.source");
    /** The network layer's admission (the decision that admitted the connection). */
    public static final AttributeKey<Admission> ADMISSION = AttributeKey.valueOf("portcullis.admission");
    /** The verified client certificate identity, when mTLS presented one. */
    public static final AttributeKey<ClientIdentity> CLIENT_IDENTITY =
            AttributeKey.valueOf("portcullis.clientIdentity");

    private ChannelAttributes() {}

    /** The connection channel of a channel: itself, or the parent of an HTTP/2 stream. */
    public static Channel connection(Channel channel) {
        return channel instanceof Http2StreamChannel && channel.parent() != null ? channel.parent() : channel;
    }

    /** The admitted source of the connection, or {@code null} before admission. */
    public static Source source(Channel channel) {
        return connection(channel).attr(SOURCE).get();
    }

    /** The verified client identity, or {@code null} without a client certificate. */
    public static ClientIdentity clientIdentity(Channel channel) {
        return connection(channel).attr(CLIENT_IDENTITY).get();
    }
}
