package io.portcullis.config.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code audit}: where the tamper-evident log lives and how it is written. {@code onFailure} is
 * {@code fail-closed} (the default: stop admitting requests while records cannot be made durable) or
 * {@code fail-open}. No header is ever recorded; the query string is redacted unless {@code recordQuery}.
 */
public record AuditConfig(Path dir, Path signingKey, Optional<Duration> checkpointInterval, Optional<Duration> fsyncInterval,
                          Optional<Duration> retentionAge, OptionalLong retentionBytes, boolean failClosed,
                          boolean recordQuery) {}
