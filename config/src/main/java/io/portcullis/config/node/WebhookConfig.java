package io.portcullis.config.node;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** {@code alerts.webhook}: where alerts are POSTed as JSON, with retries and backoff; an optional HMAC secret file. */
public record WebhookConfig(URI url, Optional<Path> secretFile, int attempts, Duration initialBackoff, Duration maxBackoff,
                            Duration timeout) {}
