/**
 * The data plane's runtime settings: immutable records validated when built, one per feature
 * ({@link io.portcullis.settings.Limits}, {@link io.portcullis.settings.Timeouts},
 * {@link io.portcullis.settings.TlsSettings}, {@link io.portcullis.settings.RouteSettings}),
 * gathered per API in {@link io.portcullis.gateway.settings.ApiSettings} and for the whole node in
 * {@link io.portcullis.gateway.settings.GatewaySettings}. The configuration module maps its YAML onto these; a
 * reload builds a new {@code GatewaySettings} and swaps it whole.
 */
package io.portcullis.gateway.settings;

import io.portcullis.settings.Limits;
import io.portcullis.settings.Timeouts;
import io.portcullis.settings.RouteSettings;
import io.portcullis.settings.TlsSettings;
