package io.portcullis.config.node;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;

/**
 * {@code cluster.redis}: the Redis server ({@code uri}, {@code redis://} or {@code rediss://}, which may carry a
 * password), the prefix of every key this cluster writes ({@code keyPrefix}), how long one command may take
 * ({@code timeout}), how long Redis may stay unanswered before each node serves global limits from its local share
 * ({@code fallbackAfter}), and how long a node counts as live after its last presence refresh ({@code presenceTtl}).
 */
public record RedisConfig(URI uri, String keyPrefix, Duration timeout, Duration fallbackAfter, Duration presenceTtl) {

    public static final String DEFAULT_PREFIX = "portcullis";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(250);
    public static final Duration DEFAULT_FALLBACK_AFTER = Duration.ofSeconds(1);
    public static final Duration DEFAULT_PRESENCE_TTL = Duration.ofSeconds(5);

    public RedisConfig {
        requireNonNull(uri, "uri");
        requireNonNull(keyPrefix, "keyPrefix");
        requireNonNull(timeout, "timeout");
        requireNonNull(fallbackAfter, "fallbackAfter");
        requireNonNull(presenceTtl, "presenceTtl");
    }
}
