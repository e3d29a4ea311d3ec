/**
 * The running data plane: {@link io.portcullis.gateway.server.GatewayServer} binds one listener per API, assembles
 * each connection's pipeline in {@link io.portcullis.gateway.server.ApiChannelInitializer} (connection-level
 * stages first, then TLS, then HTTP/1.1 or HTTP/2), and swaps settings snapshots on reload.
 */
package io.portcullis.gateway.server;
