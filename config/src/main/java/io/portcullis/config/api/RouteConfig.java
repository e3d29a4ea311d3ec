package io.portcullis.config.api;

import static java.util.Objects.requireNonNull;

import io.portcullis.settings.RouteSettings;

/**
 * One {@code routes[]} entry: what the gateway matches and limits ({@link RouteSettings}: path pattern, methods,
 * upstream, body and rate limits) and what identity must show for it ({@code requires}).
 */
public record RouteConfig(RouteSettings settings, RouteRequirementsConfig requires) {

    public RouteConfig {
        requireNonNull(settings, "settings");
        requireNonNull(requires, "requires");
    }

    /** The route's path pattern. */
    public String path() {
        return settings.path();
    }
}
