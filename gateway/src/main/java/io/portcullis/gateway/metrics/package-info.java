/**
 * What the data plane measures: {@link io.portcullis.gateway.metrics.GatewayMetrics} (requests, latency
 * histograms, upstream errors, rate-limit refusals, active connections, decisions, blocklist size) resolved per
 * API and route into {@link io.portcullis.gateway.metrics.ApiMeters} and
 * {@link io.portcullis.gateway.metrics.RouteMeters} when settings are compiled, and
 * {@link io.portcullis.gateway.metrics.Rejections}, which counts and logs every refusal by reason.
 */
package io.portcullis.gateway.metrics;
