package io.portcullis.gateway.observe;

import io.portcullis.decision.Admission;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Source;
import io.portcullis.gateway.http.RequestHead;
import io.portcullis.gateway.tls.ClientIdentity;
import java.net.InetAddress;
import java.time.Instant;

/**
 * A second opinion on what the live plan decided: told of every connection the connection guard decided and
 * every request the proxy stage decided, right after the live decision, so that a candidate plan can decide the
 * same in shadow. What it answers is never enforced: the gateway ignores it, and an exception it throws is
 * swallowed (a shadow counts its own failures; a shadow failure never affects the live decision). Set with
 * {@code GatewayServer.Builder.shadow}.
 *
 * <p>Runs on the event loop, inline after the live decision: it must be quick, must not block, and must not keep
 * the request head (its buffers belong to the connection, its headers hold credentials) beyond the call. When it
 * is not {@link #active()}, nothing is built for it; when it is, the head is lent as received (an HTTP/1.1 head
 * stays bytes unless the shadow asks for its header map).
 */
public interface DecisionShadow {

    /** No shadow: nothing is asked. */
    DecisionShadow NONE = new DecisionShadow() {
        @Override
        public boolean active() {
            return false;
        }

        @Override
        public void connection(String api, InetAddress address, String vpcEndpoint, long nowMillis, Admission live) { }

        @Override
        public void request(String api, RequestHead request, Source source, ClientIdentity identity, boolean tls,
                            Instant time, Decision live) { }
    };

    /** Whether a shadow decides now; asked before each decision. One cheap read, please. */
    boolean active();

    /**
     * The connection guard (the live plan's security groups) decided a connection from {@code address}; asked at
     * accept only (not at re-admission), before the connection limits and penalties, which are node state.
     */
    void connection(String api, InetAddress address, String vpcEndpoint, long nowMillis, Admission live);

    /**
     * The live plan decided a request.
     *
     * @param request the head as received, lent for this call only (decided again with {@code RequestChain})
     * @param source the source the live plan resolved for the connection
     * @param identity the verified client certificate identity, or {@code null}
     * @param live the live decision: the refusal (any layer), or the deciding allow
     */
    void request(String api, RequestHead request, Source source, ClientIdentity identity, boolean tls, Instant time,
                 Decision live);
}
