package io.portcullis.config.api;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** One {@code routes[]} entry: a path pattern, its methods (empty: any), an optional upstream, route limits and requirements. */
public record RouteConfig(String path, List<String> methods, Optional<URI> upstream, OptionalLong maxBodyBytes,
                          List<RateLimitConfig> rateLimits, RouteRequirementsConfig requires) {
    public RouteConfig {
        methods = List.copyOf(methods);
        rateLimits = List.copyOf(rateLimits);
    }
}
