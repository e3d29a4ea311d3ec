package io.portcullis.alerts.baseline;

import static java.util.Objects.requireNonNull;

/**
 * One finished request as the baseline sees it.
 *
 * @param api the API
 * @param principal who called, as the identity layer established it ({@code ""}: nobody; not a rate series then)
 * @param route the matched route pattern ({@code ""}: none)
 * @param method the method
 * @param deniedBy the layer that refused it ({@code "network"}, {@code "identity"}, ...), {@code ""} when admitted
 */
public record TrafficSample(String api, String principal, String route, String method, String deniedBy) {

    public TrafficSample {
        requireNonNull(api, "api");
        requireNonNull(principal, "principal");
        requireNonNull(route, "route");
        requireNonNull(method, "method");
        requireNonNull(deniedBy, "deniedBy");
    }
}
