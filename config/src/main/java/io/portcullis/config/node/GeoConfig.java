package io.portcullis.config.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code geo}: the MaxMind-format databases the node answers "where does this address come from" with, supplied
 * by the operator (nothing is downloaded). {@code country} is a GeoIP2/GeoLite2 Country or City database,
 * {@code anonymousIp} a GeoIP2 Anonymous IP database; at least one is set. The files are checked every
 * {@code refresh} and reopened when they changed.
 */
public record GeoConfig(Optional<Path> country, Optional<Path> anonymousIp, Duration refresh) {}
