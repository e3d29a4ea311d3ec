package io.portcullis.gateway.http;

import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;

/** The reason codes of the HTTP stages. */
public final class HttpReasons {

    /** Framing or syntax that could desynchronize the gateway and the upstream. */
    public static final Reason BAD_REQUEST = new Reason(Layer.PROTOCOL, "bad-request");
    /** The request head exceeded maxHeaderBytes. */
    public static final Reason HEADER_TOO_LARGE = new Reason(Layer.TRAFFIC, "header-too-large");
    /** The request head did not arrive within the header-read timeout. */
    public static final Reason HEADER_TIMEOUT = new Reason(Layer.PROTOCOL, "header-timeout");
    /** An HTTP/2 connection sent frames no legitimate client sends at that rate (CONTINUATION, PING, tiny DATA). */
    public static final Reason HTTP2_FLOOD = new Reason(Layer.PROTOCOL, "http2-flood");
    /** The request body exceeds maxBodyBytes (declared or streamed). */
    public static final Reason BODY_TOO_LARGE = new Reason(Layer.TRAFFIC, "body-too-large");
    /** The source already has maxRequestsInFlightPerSource requests in flight. */
    public static final Reason TOO_MANY_IN_FLIGHT = new Reason(Layer.TRAFFIC, "too-many-requests-in-flight");
    /** The API's requests already hold maxUpstreamConnections upstream connections. */
    public static final Reason UPSTREAM_SATURATED = new Reason(Layer.TRAFFIC, "upstream-connections-exhausted");
    /** A request body stopped arriving for longer than the body-read timeout. */
    public static final Reason BODY_TIMEOUT = new Reason(Layer.PROTOCOL, "body-timeout");
    /** A client did not read its response for longer than the send timeout. */
    public static final Reason SEND_TIMEOUT = new Reason(Layer.PROTOCOL, "send-timeout");
    /** A source had more requests refused than its refusal budget allows; the connection is closed. */
    public static final Reason TOO_MANY_REFUSALS = new Reason(Layer.TRAFFIC, "too-many-refusals");
    /** An HTTP/1.1 body came in more small chunks a second than any legitimate client sends. */
    public static final Reason CHUNK_FLOOD = new Reason(Layer.PROTOCOL, "chunk-flood");
    /** A token bucket is empty. */
    public static final Reason RATE_LIMITED = new Reason(Layer.TRAFFIC, "rate-limited");
    /** No route matches the path. */
    public static final Reason NO_ROUTE = new Reason(Layer.POLICY, "no-route");
    /** The route does not accept the method. */
    public static final Reason METHOD_NOT_ALLOWED = new Reason(Layer.POLICY, "method-not-allowed");

    /** The reserved probe path without a valid probe token: refused like an unknown route. */
    public static final Reason PROBE_UNVERIFIED = new Reason(Layer.POLICY, "probe-unverified");
    /** An assurance probe every layer admitted, answered by the gateway itself. */
    public static final Reason PROBE_ANSWERED = new Reason(Layer.POLICY, "probe-answered");

    private HttpReasons() {}
}
