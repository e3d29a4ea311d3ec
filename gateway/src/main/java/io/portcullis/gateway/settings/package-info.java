/**
 * The data plane's runtime settings: immutable records validated when built, one per feature
 * ({@link io.portcullis.gateway.settings.Limits}, {@link io.portcullis.gateway.settings.Timeouts},
 * {@link io.portcullis.gateway.settings.TlsSettings}, {@link io.portcullis.gateway.settings.RouteSettings}),
 * gathered per API in {@link io.portcullis.gateway.settings.ApiSettings} and for the whole node in
 * {@link io.portcullis.gateway.settings.GatewaySettings}. The configuration module maps its YAML onto these; a
 * reload builds a new {@code GatewaySettings} and swaps it whole.
 */
package io.portcullis.gateway.settings;
