package io.portcullis.config.api;

import io.portcullis.settings.HeaderRules;
import io.portcullis.settings.Limits;
import io.portcullis.settings.ProxyProtocol;
import io.portcullis.settings.Timeouts;
import io.portcullis.settings.TlsSettings;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Everything under an {@code apis[]} entry beyond its network placement: what {@code portcullis run} needs to
 * serve it, parsed straight into the stages' typed settings (module {@code settings}: limits and timeouts with
 * every default filled in, TLS, PROXY protocol), so that what the parser accepts is exactly what the gateway
 * serves. {@code upstream} may be absent for a configuration used only for analysis ({@code check},
 * {@code who-can-reach}); compiling the plan then refuses the API.
 */
public record Serving(Optional<URI> upstream, ProxyProtocol proxyProtocol, List<String> trustedProxies,
                      Optional<TlsSettings> tls, Limits limits, Timeouts timeouts, List<RouteConfig> routes,
                      AuthConfig auth, Optional<PolicySource> resourcePolicy, HeaderRules headers) {

    public static final Serving NONE = new Serving(Optional.empty(), ProxyProtocol.OFF, List.of(), Optional.empty(),
            Limits.DEFAULT, Timeouts.DEFAULT, List.of(), AuthConfig.NONE, Optional.empty(), HeaderRules.NONE);

    public Serving {
        trustedProxies = List.copyOf(trustedProxies);
        routes = List.copyOf(routes);
        java.util.Objects.requireNonNull(headers, "headers");
    }
}
