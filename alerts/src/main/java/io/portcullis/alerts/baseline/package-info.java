/**
 * Alerts that learn a baseline instead of a fixed threshold ({@link io.portcullis.alerts.baseline.TrafficBaseline}):
 * request rate per API and per principal against its own history for the same hour of the week (a spike or a
 * sudden drop), a principal calling a route or method it has not used before, and denials by layer above their
 * usual share. Each alert says what was expected, what was seen and over which window. See docs/assurance.md.
 */
package io.portcullis.alerts.baseline;
