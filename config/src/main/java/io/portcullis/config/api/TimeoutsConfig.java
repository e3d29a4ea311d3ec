package io.portcullis.config.api;

import java.time.Duration;
import java.util.Optional;

/** {@code timeouts}: each absent field keeps the gateway's safe default. */
public record TimeoutsConfig(Optional<Duration> connect, Optional<Duration> headerRead, Optional<Duration> idle,
                             Optional<Duration> upstreamResponse, Optional<Duration> bodyRead, Optional<Duration> send) {

    public static final TimeoutsConfig DEFAULTS = new TimeoutsConfig(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
}
