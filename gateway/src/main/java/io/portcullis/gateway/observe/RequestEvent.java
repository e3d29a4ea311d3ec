package io.portcullis.gateway.observe;

import static java.util.Objects.requireNonNull;

import io.portcullis.decision.Decision;
import io.portcullis.decision.Source;
import io.portcullis.gateway.auth.Authorization;
import io.portcullis.gateway.tls.ClientIdentity;
import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * One finished request, built once when it ends: answered by the upstream, refused by the gateway, failed
 * upstream, or aborted by the client. A request whose head could not be parsed (a refused HTTP/1.1 head) is
 * reported too, with an empty method and path.
 *
 * @param time when the request head was received
 * @param requestId the gateway's id, sent upstream and to the client as {@code X-Request-Id}
 * @param connectionId the id of the connection it came on (see {@link ConnectionEvent})
 * @param api the API name
 * @param route the matched route's path pattern, or {@code null} (no routes, or refused before routing)
 * @param method the method, or {@code ""} when the head was refused before it was parsed
 * @param path the target as received in origin form, query included (redaction is the consumer's job), or {@code ""}
 * @param source the network source resolved at accept (VPC, endpoint, workload, account, groups)
 * @param sourceAddress the source address and port (after the PROXY header)
 * @param admission the network decision that admitted the connection (the security-group rule)
 * @param clientIdentity the verified client certificate identity, or {@code null}
 * @param authorization what the API's authorizer decided (principal, subject, issuer), or {@code null} when the
 *        request was refused before the authorizer ran
 * @param decision what decided the request: the refusal (any layer), or for an admitted request the
 *        authorization's allow (a later refusal such as a streamed body over the limit replaces it)
 * @param status the status sent to the client; {@code 0} when the client went away before any response
 * @param requestBytes request body bytes read
 * @param responseBytes response body bytes sent
 * @param latencyNanos from the request head to the last response byte handed to the connection (or the end)
 * @param outcome how the request ended
 * @param upstreamError how forwarding failed, or {@code null}
 * @param protocol {@code HTTP/1.0}, {@code HTTP/1.1} or {@code HTTP/2}
 * @param tls whether the connection is TLS
 * @param plan the digest of the plan that decided, or {@code ""}
 * @param probe whether it was an assurance probe (its mark verified): answered by the gateway, never upstream
 */
public record RequestEvent(Instant time, String requestId, long connectionId, String api, String route, String method,
                           String path, Source source, InetSocketAddress sourceAddress, Decision admission,
                           ClientIdentity clientIdentity, Authorization authorization, Decision decision, int status,
                           long requestBytes, long responseBytes, long latencyNanos, Outcome outcome,
                           UpstreamError upstreamError, String protocol, boolean tls, String plan,
                           boolean probe) {

    /** How a request ended. */
    public enum Outcome {
        /** The upstream's response was passed to the client completely. */
        COMPLETED,
        /** The gateway answered with a fixed refusal (4xx, or 503 while not admitting). */
        REFUSED,
        /** The upstream could not be reached, timed out, misbehaved or died mid-response. */
        UPSTREAM_FAILED,
        /** The client closed the connection (or reset the stream) before the response was complete. */
        CLIENT_ABORTED
    }

    public RequestEvent {
        requireNonNull(time, "time");
        requireNonNull(requestId, "requestId");
        requireNonNull(api, "api");
        requireNonNull(method, "method");
        requireNonNull(path, "path");
        requireNonNull(source, "source");
        requireNonNull(sourceAddress, "sourceAddress");
        requireNonNull(admission, "admission");
        requireNonNull(decision, "decision");
        requireNonNull(outcome, "outcome");
        requireNonNull(protocol, "protocol");
        if (status < 0 || status > 999) {
            throw new IllegalArgumentException("status: " + status + " (expected: 0..999, 0 when none was sent)");
        }
        if (requestBytes < 0 || responseBytes < 0 || latencyNanos < 0) {
            throw new IllegalArgumentException("requestBytes/responseBytes/latencyNanos: " + requestBytes + "/"
                    + responseBytes + "/" + latencyNanos + " (expected: >= 0)");
        }
    }
}
