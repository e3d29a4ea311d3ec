/**
 * TLS termination: server contexts with BoringSSL (JDK fallback), TLS 1.2/1.3, ALPN and optional mTLS with CRLs,
 * and the verified client identity ({@link io.portcullis.gateway.tls.ClientIdentity}) exposed to later layers.
 */
package io.portcullis.gateway.tls;
