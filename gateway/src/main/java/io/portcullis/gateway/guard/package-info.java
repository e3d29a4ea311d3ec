/**
 * The connection-level guard that runs at accept time, before any HTTP (or TLS) byte is read: the
 * {@link io.portcullis.gateway.guard.Blocklist}, the security-group decision behind
 * {@link io.portcullis.gateway.guard.ConnectionGuard}, and the open-connection limits of
 * {@link io.portcullis.gateway.guard.ConnectionLimiter}. {@link io.portcullis.gateway.guard.AcceptGuardHandler}
 * applies them to a connection (on the source a PROXY header named, when the API reads one) and closes a refused one
 * without reading from it.
 */
package io.portcullis.gateway.guard;
