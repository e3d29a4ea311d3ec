package io.portcullis.gateway;

import static java.util.Objects.requireNonNull;

import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.AttributeKey;
import io.portcullis.decision.Admission;
import io.portcullis.decision.Source;
import io.portcullis.gateway.guard.Readmission;
import io.portcullis.gateway.limit.InFlight;
import io.portcullis.gateway.tls.ClientIdentity;
import java.net.InetSocketAddress;

/**
 * What the gateway knows about one client connection, in one place: the facts fixed at accept (id, API, TCP peer,
 * whether it is TLS), what the PROXY stage learned (the source address and VPC endpoint), what the network layer
 * decided (the admission, with the source's requests in flight and its limiter key) and what the TLS handshake
 * proved (the client certificate identity). Every later stage (identity, policy, limits, the request and connection
 * events) and the server's periodic re-admission read it here.
 *
 * <p>Design: one instance per connection, made when the connection is accepted and set once as its channel's
 * attribute ({@link #of}); the pipeline's stages get the same instance in their constructors. Each fact is recorded
 * once, by the stage that learns it; recording one twice is a bug and throws. The one exception is the admission,
 * which re-admission replaces with a newer one ({@link #readmitted}). Confined to the connection's event loop
 * (HTTP/2 streams share it), so the fields are plain.
 */
public final class ConnectionContext {

    private static final AttributeKey<ConnectionContext> KEY = AttributeKey.valueOf("portcullis.connection");

    private final long id;
    private final String api;
    private final InetSocketAddress peer;
    private final boolean tls;
    private final long acceptedNanos;
    private InetSocketAddress sourceAddress;
    private String vpcEndpoint = "";
    private Admission admission;
    private InFlight requests;
    private String sourceKey;
    private long admittedEpoch = -1;
    private long admittedAtNanos;
    private ClientIdentity clientIdentity;

    private ConnectionContext(long id, String api, InetSocketAddress peer, boolean tls, long acceptedNanos) {
        this.id = id;
        this.api = requireNonNull(api, "api");
        this.peer = requireNonNull(peer, "peer");
        this.tls = tls;
        this.acceptedNanos = acceptedNanos;
    }

    /**
     * Makes the context of a connection just accepted and sets it as the channel's attribute.
     *
     * @param acceptedNanos the gateway's ticker reading at accept
     * @throws IllegalStateException when the channel has one already
     */
    public static ConnectionContext attach(Channel channel, long id, String api, boolean tls, long acceptedNanos) {
        ConnectionContext context = new ConnectionContext(id, api, (InetSocketAddress) channel.remoteAddress(), tls,
                acceptedNanos);
        if (channel.attr(KEY).setIfAbsent(context) != null) {
            throw new IllegalStateException("channel " + channel + " has a connection context already");
        }
        return context;
    }

    /**
     * The context of the connection a channel belongs to (itself, or the parent of an HTTP/2 stream), or
     * {@code null} for a channel the gateway did not accept.
     */
    public static ConnectionContext of(Channel channel) {
        Channel connection = channel instanceof Http2StreamChannel && channel.parent() != null
                ? channel.parent() : channel;
        return connection.attr(KEY).get();
    }

    /** The gateway's id of the connection (per process), shared with its events. */
    public long id() {
        return id;
    }

    /** The API the connection arrived at. */
    public String api() {
        return api;
    }

    /** The TCP peer (a load balancer's address when a PROXY header names the client). */
    public InetSocketAddress peer() {
        return peer;
    }

    /** Whether the API terminates TLS on this connection. */
    public boolean tls() {
        return tls;
    }

    /** The ticker reading when the connection was accepted. */
    public long acceptedNanos() {
        return acceptedNanos;
    }

    /** The source address and port once known (the TCP peer, or the client a PROXY header named), else {@code null}. */
    public InetSocketAddress sourceAddress() {
        return sourceAddress;
    }

    /** The VPC endpoint the connection came through, from its PROXY header ({@code ""} when none). */
    public String vpcEndpoint() {
        return vpcEndpoint;
    }

    /** The source is known: the TCP peer, or the client named by a trusted PROXY header (with its VPC endpoint). */
    public void sourceResolved(InetSocketAddress source, String vpce) {
        requireNonNull(source, "source");
        requireNonNull(vpce, "vpce");
        if (sourceAddress != null) {
            throw new IllegalStateException("source resolved twice: " + sourceAddress + ", then " + source);
        }
        this.sourceAddress = source;
        this.vpcEndpoint = vpce;
    }

    /** The admission in force (the latest re-admission's), or {@code null} before the connection was admitted. */
    public Admission admission() {
        return admission;
    }

    /** The source the network layer resolved, or {@code null} before the connection was admitted. */
    public Source source() {
        return admission == null ? null : admission.source();
    }

    /** The admitted source's requests in flight, over all its connections ({@code null} before admission). */
    public InFlight requests() {
        return requests;
    }

    /** The admitted source's key for the connection limiter and the penalties ({@code null} before admission). */
    public String sourceKey() {
        return sourceKey;
    }

    /**
     * Every connection-level check passed; {@code requests} counts the source's requests in flight, and
     * {@code sourceKey} names it to the limiter and the penalties.
     */
    public void admitted(Admission admitted, InFlight requests, String sourceKey) {
        requireNonNull(admitted, "admitted");
        requireNonNull(requests, "requests");
        requireNonNull(sourceKey, "sourceKey");
        if (admission != null) {
            throw new IllegalStateException("connection " + id + " admitted twice");
        }
        this.admission = admitted;
        this.requests = requests;
        this.sourceKey = sourceKey;
    }

    /**
     * The connection was admitted again under the plan in force ({@link Readmission}): later requests see this
     * admission (its source's groups may have changed). A denial changes nothing: the caller closes the connection.
     */
    public void readmitted(Admission now, long epoch, long nowNanos) {
        if (admission != null && now.admitted()) {
            this.admission = now;
            this.admittedEpoch = epoch;
            this.admittedAtNanos = nowNanos;
        }
    }

    /**
     * Whether the admission can be taken as current for a request now: decided in this plan epoch, less than
     * {@link Readmission#GUARD_EVERY_NANOS} ago.
     */
    public boolean admissionCurrent(long epoch, long nowNanos) {
        return admittedEpoch == epoch && nowNanos - admittedAtNanos < Readmission.GUARD_EVERY_NANOS;
    }

    /** The verified client certificate identity, or {@code null} (no TLS, no client certificate, or not yet). */
    public ClientIdentity clientIdentity() {
        return clientIdentity;
    }

    /** The verified client certificate, after the TLS handshake. */
    public void clientIdentity(ClientIdentity identity) {
        requireNonNull(identity, "identity");
        if (clientIdentity != null) {
            throw new IllegalStateException("client identity recorded twice");
        }
        this.clientIdentity = identity;
    }
}
