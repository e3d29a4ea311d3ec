package io.portcullis.gateway.http;


/**
 * What the gateway itself adds to a request head for the upstream: the forwarding headers of the connection's
 * source, the request id, and the {@code Host} to use when the client sent none.
 */
record UpstreamHeadValues(ForwardingHeaders.Values forwarded, String requestId, String defaultHost) {}
