package io.portcullis.gateway.observe;

import io.netty.handler.codec.http.HttpHeaders;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Source;
import io.portcullis.gateway.tls.ClientIdentity;
import java.time.Instant;

/**
 * A second opinion on every request the proxy stage decided: told the request's facts and the live decision
 * right after the live decision was taken, so that a candidate plan can decide the same request in shadow. What
 * it answers is never enforced: the gateway ignores it, and an exception it throws is swallowed (a shadow counts
 * its own failures; a shadow failure never affects the live decision). Set with
 * {@code GatewayServer.Builder.shadow}.
 *
 * <p>Runs on the event loop, inline after the live decision and before the request is forwarded: it must be
 * quick, must not block, and must not keep {@code headers} (they hold credentials) beyond the call.
 */
public interface RequestShadow {

    /** No shadow: nothing is asked, and the request's header map is never built for it. */
    RequestShadow NONE = new RequestShadow() {
        @Override
        public boolean active() {
            return false;
        }

        @Override
        public void decided(String api, String method, String target, HttpHeaders headers, Source source,
                            ClientIdentity identity, boolean tls, String protocol, Instant time, Decision live) { }
    };

    /** Whether a shadow decides now; asked before each request. One cheap read, please. */
    boolean active();

    /**
     * The live plan decided the request.
     *
     * @param target the request target as the client sent it (the shadow normalizes it as the gateway does)
     * @param source the source the live plan resolved for the connection
     * @param identity the verified client certificate identity, or {@code null}
     * @param live the live decision: the refusal (any layer), or the deciding allow
     */
    void decided(String api, String method, String target, HttpHeaders headers, Source source, ClientIdentity identity,
                 boolean tls, String protocol, Instant time, Decision live);
}
