/**
 * Where a request comes from: the operator's MaxMind-format databases (GeoIP2/GeoLite2 Country or City,
 * GeoIP2 Anonymous IP) read with MaxMind's reader, looked up by the true source address (after PROXY protocol).
 * {@link io.portcullis.runtime.geo.GeoLocator} serves one immutable {@link io.portcullis.runtime.geo.GeoDatabases}
 * and swaps it whole when a file changes; {@link io.portcullis.runtime.geo.GeoFacts} is what one lookup found.
 */
package io.portcullis.runtime.geo;
