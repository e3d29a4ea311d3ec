package io.portcullis.config.api;

import io.portcullis.config.Schedule;
import java.util.List;
import java.util.Optional;

/**
 * {@code routes[].requires}: what a caller's token must carry for this route without writing a policy:
 * every listed scope (claim {@code scope} or {@code scp}), at least one of {@code roles} in {@code rolesClaim},
 * and the request time inside {@code window}; and where the caller comes from: one of {@code countries}
 * (ISO 3166-1 alpha-2, from the node's {@code geo.country} database) and, with {@code notAnonymous}, not an
 * anonymous network ({@code geo.anonymousIp}).
 */
public record RouteRequirementsConfig(List<String> scopes, List<String> roles, String rolesClaim, Optional<Schedule> window,
                                      List<String> countries, boolean notAnonymous) {

    public static final RouteRequirementsConfig NONE = new RouteRequirementsConfig(List.of(), List.of(), "roles", Optional.empty());

    public RouteRequirementsConfig {
        scopes = List.copyOf(scopes);
        roles = List.copyOf(roles);
        countries = List.copyOf(countries);
    }

    /** The requirements on the token and the time only. */
    public RouteRequirementsConfig(List<String> scopes, List<String> roles, String rolesClaim, Optional<Schedule> window) {
        this(scopes, roles, rolesClaim, window, List.of(), false);
    }

    public boolean isEmpty() {
        return scopes.isEmpty() && roles.isEmpty() && window.isEmpty() && countries.isEmpty() && !notAnonymous;
    }
}
