package io.portcullis.gateway.http;

import io.portcullis.gateway.wire.HeaderNameSet;

/**
 * What the gateway itself adds to a request head for the upstream, and what it takes out: the forwarding headers
 * of the connection's source, the request id, the {@code Host} to use when the client sent none, and the headers
 * that carried a credential the gateway verified ({@code stripped}), which the upstream does not get by default.
 */
record UpstreamHeadValues(ForwardingHeaders.Values forwarded, String requestId, String defaultHost,
                          HeaderNameSet stripped) {}
