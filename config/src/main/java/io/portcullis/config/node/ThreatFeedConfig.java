package io.portcullis.config.node;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** One {@code threatFeeds[]} entry: exactly one of {@code url} and {@code file}; {@code format} one of
 * {@code spamhaus-drop}, {@code spamhaus-drop-json}, {@code firehol-netset}, {@code plain}. */
public record ThreatFeedConfig(String name, Optional<URI> url, Optional<Path> file, String format, Duration refresh) {}
