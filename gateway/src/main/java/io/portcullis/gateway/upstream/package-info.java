/**
 * Connections to upstreams: {@link io.portcullis.gateway.upstream.UpstreamPools} keeps keep-alive HTTP/1.1
 * connections per event loop and upstream address, and
 * {@link io.portcullis.gateway.upstream.UpstreamHandler} hands each response to the exchange that owns the
 * connection at the time.
 */
package io.portcullis.gateway.upstream;
