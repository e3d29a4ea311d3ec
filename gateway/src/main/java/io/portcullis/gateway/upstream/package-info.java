/**
 * Connections to upstreams: {@link io.portcullis.gateway.upstream.UpstreamPools} keeps keep-alive HTTP/1.1
 * connections per event loop and upstream address, and
 * {@link io.portcullis.gateway.upstream.UpstreamHandler} parses each response strictly
 * ({@link io.portcullis.gateway.upstream.ResponseParser}, into a {@link io.portcullis.gateway.upstream.ResponseHead}
 * and body slices) for the exchange that owns the connection at the time.
 */
package io.portcullis.gateway.upstream;
