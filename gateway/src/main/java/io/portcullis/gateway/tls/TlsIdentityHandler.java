package io.portcullis.gateway.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import io.portcullis.decision.Source;
import io.portcullis.gateway.ConnectionContext;
import io.portcullis.gateway.observe.ConnectionTrace;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * After the TLS handshake: records the verified client identity in the {@link ConnectionContext} and, with
 * {@code bindCertificateToWorkload}, refuses a certificate that does not name the workload the network layer
 * resolved. A failed handshake or binding is reported to the connection's {@link ConnectionTrace}
 * (counted, logged, and a {@code REFUSED} connection event); a handshake cut short because the connection closed
 * (refused by the guard before TLS began, or left by its client) is not a TLS failure. Removes itself when done.
 */
public final class TlsIdentityHandler extends ChannelInboundHandlerAdapter {

    /** The handshake failed (bad, expired, revoked or missing client certificate, or no common protocol). */
    public static final Reason HANDSHAKE_FAILED = new Reason(Layer.IDENTITY, "tls-handshake-failed");
    /** The client certificate does not name the source workload. */
    public static final Reason WORKLOAD_MISMATCH = new Reason(Layer.IDENTITY, "certificate-workload-mismatch");

    private final boolean bindToWorkload;
    private final ConnectionContext connection;
    private final ConnectionTrace trace;

    public TlsIdentityHandler(boolean bindToWorkload, ConnectionContext connection, ConnectionTrace trace) {
        this.bindToWorkload = bindToWorkload;
        this.connection = connection;
        this.trace = trace;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (!(event instanceof SslHandshakeCompletionEvent done)) {
            ctx.fireUserEventTriggered(event);
            return;
        }
        if (!done.isSuccess()) {
            if (!ctx.channel().isActive()) {
                // The connection ended before the handshake did: an earlier stage refused it (the TLS handler
                // reports every close during a handshake as a failure), or the client left. Its end is already
                // reported (REFUSED or CLOSED); a TLS failure here would count a network denial twice.
                return;
            }
            trace.refused(Decision.deny(HANDSHAKE_FAILED, "tls", String.valueOf(done.cause())));
            ctx.close();
            return;
        }
        ClientIdentity identity = null;
        try {
            Certificate[] chain = ctx.pipeline().get(SslHandler.class).engine().getSession().getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
                identity = TlsContexts.identity(leaf);
                connection.clientIdentity(identity);
            }
        } catch (SSLPeerUnverifiedException noClientCertificate) {
            // clientAuth optional and none presented: no identity
        }
        Source source = connection.source();
        if (bindToWorkload && (identity == null || source == null || !WorkloadBinding.names(identity, source.workload()))) {
            trace.refused(Decision.deny(WORKLOAD_MISMATCH, "tls.bindCertificateToWorkload",
                    "certificate " + (identity == null ? "absent" : identity.primary()) + " does not name workload '"
                            + (source == null ? "" : source.workload()) + "'"));
            ctx.close();
            return;
        }
        ctx.pipeline().remove(this);
        ctx.fireUserEventTriggered(event);
    }
}
