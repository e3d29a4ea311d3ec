/**
 * PROXY protocol v1 and v2 at the start of a connection: {@link io.portcullis.gateway.proxy.ProxyHeaderDecoder}
 * decodes and validates a header (CRC32C, AWS VPC endpoint TLV) from raw bytes, and
 * {@link io.portcullis.gateway.proxy.ProxyProtocolHandler}, the first stage of a connection's pipeline, applies an
 * API's mode and trusted proxies to it and passes the resolved source down to the connection guard as a
 * {@link io.portcullis.gateway.proxy.SourceResolved}.
 */
package io.portcullis.gateway.proxy;
