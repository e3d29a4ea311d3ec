package io.portcullis.config.api;

import io.portcullis.config.Schedule;
import java.util.List;
import java.util.Optional;

/**
 * {@code routes[].requires}: what a caller's token must carry for this route without writing a policy:
 * every listed scope (claim {@code scope} or {@code scp}), at least one of {@code roles} in {@code rolesClaim},
 * and the request time inside {@code window}.
 */
public record RouteRequirementsConfig(List<String> scopes, List<String> roles, String rolesClaim, Optional<Schedule> window) {

    public static final RouteRequirementsConfig NONE = new RouteRequirementsConfig(List.of(), List.of(), "roles", Optional.empty());

    public RouteRequirementsConfig {
        scopes = List.copyOf(scopes);
        roles = List.copyOf(roles);
    }

    public boolean isEmpty() {
        return scopes.isEmpty() && roles.isEmpty() && window.isEmpty();
    }
}
