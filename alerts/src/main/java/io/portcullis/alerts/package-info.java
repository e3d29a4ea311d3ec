/**
 * Alerts: sliding-window rules over decision events, delivered to the log, to sinks, and to a webhook with
 * retries and backoff.
 *
 * <p>The runtime submits {@link io.portcullis.alerts.AlertEvent}s to {@link io.portcullis.alerts.Alerts} from any
 * thread (lock-free, never blocking); one alert thread applies the {@link io.portcullis.alerts.AlertRule}s and
 * delivers each fired {@link io.portcullis.alerts.Alert}. See {@code docs/feeds-and-alerts.md}.
 */
package io.portcullis.alerts;
