package io.portcullis.config.api;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** {@code limits}: each absent field keeps the gateway's safe default. */
public record LimitsConfig(OptionalInt maxHeaderBytes, OptionalLong maxBodyBytes, OptionalInt maxConnectionsPerSource,
                           OptionalInt maxConnectionsPerGroup, OptionalInt maxConnections,
                           OptionalInt maxRequestsInFlightPerSource, OptionalInt maxUpstreamConnections,
                           List<RateLimitConfig> rateLimits) {

    public static final LimitsConfig DEFAULTS = new LimitsConfig(OptionalInt.empty(), OptionalLong.empty(),
            OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
            List.of());

    public LimitsConfig {
        rateLimits = List.copyOf(rateLimits);
    }
}
