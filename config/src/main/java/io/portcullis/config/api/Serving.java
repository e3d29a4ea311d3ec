package io.portcullis.config.api;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Everything under an {@code apis[]} entry beyond its network placement: what {@code portcullis run} needs to
 * serve it. {@code upstream} may be absent for a configuration used only for analysis ({@code check},
 * {@code who-can-reach}); {@code run} then refuses the API.
 */
public record Serving(Optional<URI> upstream, ProxyProtocolMode proxyProtocol, List<String> trustedProxies,
                      Optional<TlsConfig> tls, LimitsConfig limits, TimeoutsConfig timeouts, List<RouteConfig> routes,
                      AuthConfig auth, Optional<PolicySource> resourcePolicy) {

    public static final Serving NONE = new Serving(Optional.empty(), ProxyProtocolMode.OFF, List.of(), Optional.empty(),
            LimitsConfig.DEFAULTS, TimeoutsConfig.DEFAULTS, List.of(), AuthConfig.NONE, Optional.empty());

    public Serving {
        trustedProxies = List.copyOf(trustedProxies);
        routes = List.copyOf(routes);
    }
}
