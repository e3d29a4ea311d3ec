package io.portcullis.gateway.http;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.portcullis.decision.Reason;

/**
 * A pipeline event: the strict framing stage found input it refuses. The proxy stage answers with the uniform
 * response for {@code status} (when no response is in progress) and closes the connection.
 *
 * @param status 400, 408 or 431
 * @param reason the reason code for logs and metrics
 * @param detail what was wrong, for operators
 */
public record ProtocolViolation(HttpResponseStatus status, Reason reason, String detail) {

    public ProtocolViolation {
        requireNonNull(status, "status");
        requireNonNull(reason, "reason");
        requireNonNull(detail, "detail");
    }
}
