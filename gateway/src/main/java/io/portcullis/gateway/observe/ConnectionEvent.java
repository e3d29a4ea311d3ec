package io.portcullis.gateway.observe;

import static java.util.Objects.requireNonNull;

import io.portcullis.decision.Decision;
import io.portcullis.decision.Source;
import io.portcullis.gateway.tls.ClientIdentity;
import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * One step in the life of a client connection. A connection that reaches a decision yields either one
 * {@link Phase#REFUSED} event, or {@link Phase#ADMITTED} followed later by exactly one of {@link Phase#REFUSED}
 * (a later connection stage refused it: the TLS handshake or the certificate-to-workload binding failed, a PROXY
 * header came where none may, the HTTP/2 header timeout passed or a frame flood came, the connection lost its
 * admission, or its source spent its refusal budget) or {@link Phase#CLOSED}. A connection closed by its client
 * before any decision (while sending its PROXY header) yields none; one closed by its client after admission and
 * before its TLS handshake completed yields {@code CLOSED}.
 *
 * @param phase what happened
 * @param time when it happened
 * @param connectionId the gateway's id of the connection (per process), shared with its {@link RequestEvent}s
 * @param api the API the connection arrived at
 * @param peer the TCP peer (the load balancer when a PROXY header was read)
 * @param sourceAddress the source address and port (from a trusted PROXY header, else the peer), or {@code null}
 *        when refused before it was known (a bad PROXY header)
 * @param vpcEndpoint the VPC endpoint id from the PROXY header, or {@code ""}
 * @param decision for {@code ADMITTED} and {@code CLOSED} the network decision that admitted the connection (the
 *        security-group rule); for {@code REFUSED} the refusal (blocklist, PROXY header error, security groups,
 *        connection limits, TLS, workload binding, evidence unavailable)
 * @param source the source the network layer resolved (VPC, workload, account, groups), or {@code null} when the
 *        refusal came before the connection guard answered
 * @param blocklist the name of the blocklist (feed) that refused the connection, or {@code ""}
 * @param clientIdentity the verified client certificate identity, or {@code null}
 * @param bytesReceived bytes read from the connection so far (TLS records included)
 * @param bytesSent bytes written to the connection so far
 * @param durationNanos time since the connection was accepted
 */
public record ConnectionEvent(Phase phase, Instant time, long connectionId, String api, InetSocketAddress peer,
                              InetSocketAddress sourceAddress, String vpcEndpoint, Decision decision, Source source,
                              String blocklist, ClientIdentity clientIdentity, long bytesReceived, long bytesSent,
                              long durationNanos, String plan) {

    /** The step of a connection's life an event reports. */
    public enum Phase {
        /** Every connection-level check passed; HTTP (or TLS) may now be read. */
        ADMITTED,
        /** A stage refused the connection and closed it. */
        REFUSED,
        /** An admitted connection closed (either side, or idle). */
        CLOSED
    }

    public ConnectionEvent {
        requireNonNull(phase, "phase");
        requireNonNull(time, "time");
        requireNonNull(api, "api");
        requireNonNull(peer, "peer");
        requireNonNull(vpcEndpoint, "vpcEndpoint");
        requireNonNull(decision, "decision");
        requireNonNull(blocklist, "blocklist");
        if (bytesReceived < 0 || bytesSent < 0 || durationNanos < 0) {
            throw new IllegalArgumentException("bytesReceived/bytesSent/durationNanos: " + bytesReceived + "/"
                    + bytesSent + "/" + durationNanos + " (expected: >= 0)");
        }
    }
}
