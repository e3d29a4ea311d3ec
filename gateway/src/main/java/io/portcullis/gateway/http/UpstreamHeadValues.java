package io.portcullis.gateway.http;

import io.portcullis.gateway.wire.HeaderNameSet;

/**
 * What the gateway itself adds to a request head for the upstream, and what it takes out: the forwarding headers
 * of the connection's source, the request id, the {@code Host} to use when the client sent none, and the headers
 * that carried a credential the gateway verified, the API's identity headers and those its rules remove
 * ({@code stripped}), and the headers the gateway adds ({@code added}: the verified identity, the rules' values).
 */
record UpstreamHeadValues(ForwardingHeaders.Values forwarded, String requestId, String defaultHost,
                          HeaderNameSet stripped, java.util.List<java.util.Map.Entry<String, String>> added) {}
