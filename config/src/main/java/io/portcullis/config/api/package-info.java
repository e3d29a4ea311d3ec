/**
 * What an API serves and how, as configured under {@code apis[]}: upstream, PROXY protocol, TLS, limits,
 * timeouts, routes, authentication and the resource policy. Plain validated values; the runtime maps them to
 * the gateway's, identity's and policy engine's own settings.
 */
package io.portcullis.config.api;
