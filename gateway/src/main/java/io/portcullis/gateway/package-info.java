/**
 * The Netty data plane. {@link io.portcullis.gateway.server.GatewayServer} serves every API of a
 * {@link io.portcullis.gateway.settings.GatewaySettings} snapshot; connection-level stages
 * ({@code proxy}, then {@code guard}) run before TLS and HTTP; {@link io.portcullis.gateway.ConnectionContext} holds
 * what they learned (source, admission, client certificate identity) for later layers. See docs/gateway.md.
 */
package io.portcullis.gateway;
