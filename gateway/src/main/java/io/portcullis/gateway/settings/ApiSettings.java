package io.portcullis.gateway.settings;

import io.portcullis.settings.Limits;
import io.portcullis.settings.Timeouts;
import io.portcullis.settings.RouteSettings;
import io.portcullis.settings.TlsSettings;
import io.portcullis.settings.ProxyProtocol;
import io.portcullis.settings.UpstreamUris;
import static java.util.Objects.requireNonNull;

import io.portcullis.gateway.auth.RequestAuthorizer;
import io.portcullis.settings.HeaderRules;
import io.portcullis.gateway.net.Cidr;
import io.portcullis.gateway.net.PrefixTrie;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the data plane needs to serve one API: where it listens, where it forwards, how the source is
 * identified (PROXY protocol and trusted proxies), TLS, limits, timeouts and routes. Built with
 * {@link #builder(String, InetSocketAddress, URI)}; the record checks every field and the cross-field rules.
 *
 * @param name the API name as the security-group engine knows it
 * @param listen the address and port to bind (port 0 picks a free port)
 * @param upstream the default upstream ({@code http://host:port[/base]})
 * @param proxyProtocol whether a PROXY header is read
 * @param trustedProxies the peers allowed to send a PROXY header
 * @param tls TLS termination, or empty for cleartext (HTTP/1.1 and h2c prior knowledge)
 * @param limits traffic limits
 * @param timeouts timeouts
 * @param routes routes in match order (first match wins); empty: every path goes to {@code upstream}
 * @param authorizer decides on each request after routing, before body and rate limits
 *        ({@link RequestAuthorizer#NONE}: allow without a principal)
 * @param headers the identity passed to the upstream in headers, and request and response header rules
 * @param plan the digest of the plan these settings belong to ({@code sha256:...}), carried by every event the
 *        API's connections and requests produce (and so by every audit record); {@code ""} outside a plan
 */
public record ApiSettings(String name, InetSocketAddress listen, URI upstream, ProxyProtocol proxyProtocol,
                          List<Cidr> trustedProxies, Optional<TlsSettings> tls, Limits limits, Timeouts timeouts,
                          List<RouteSettings> routes, RequestAuthorizer authorizer, HeaderRules headers, String plan) {

    public ApiSettings {
        requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("name: '" + name + "' (expected: letters, digits, '.', '_', '-')");
        }
        requireNonNull(listen, "listen");
        UpstreamUris.check(requireNonNull(upstream, "upstream"));
        requireNonNull(proxyProtocol, "proxyProtocol");
        trustedProxies = List.copyOf(requireNonNull(trustedProxies, "trustedProxies"));
        requireNonNull(tls, "tls");
        requireNonNull(limits, "limits");
        requireNonNull(timeouts, "timeouts");
        routes = List.copyOf(requireNonNull(routes, "routes"));
        requireNonNull(authorizer, "authorizer");
        requireNonNull(headers, "headers");
        requireNonNull(plan, "plan");
        if (proxyProtocol != ProxyProtocol.OFF && trustedProxies.isEmpty()) {
            throw new IllegalArgumentException("trustedProxies: empty with proxyProtocol "
                    + proxyProtocol.name().toLowerCase(java.util.Locale.ROOT) + " (expected: at least one CIDR)");
        }
        Set<String> seen = new HashSet<>();
        for (RouteSettings route : routes) {
            if (!seen.add(route.path() + " " + route.methods())) {
                throw new IllegalArgumentException("routes: duplicate path '" + route.path() + "'");
            }
        }
    }

    /** Settings without an authorizer ({@link RequestAuthorizer#NONE}). */
    public ApiSettings(String name, InetSocketAddress listen, URI upstream, ProxyProtocol proxyProtocol,
                       List<Cidr> trustedProxies, Optional<TlsSettings> tls, Limits limits, Timeouts timeouts,
                       List<RouteSettings> routes) {
        this(name, listen, upstream, proxyProtocol, trustedProxies, tls, limits, timeouts, routes,
                RequestAuthorizer.NONE, HeaderRules.NONE, "");
    }

    /** The same settings under another name (and so another API). */
    public ApiSettings withName(String newName) {
        return new ApiSettings(newName, listen, upstream, proxyProtocol, trustedProxies, tls, limits, timeouts, routes,
                authorizer, headers, plan);
    }

    /** The same settings with another authorizer. */
    public ApiSettings withAuthorizer(RequestAuthorizer newAuthorizer) {
        return new ApiSettings(name, listen, upstream, proxyProtocol, trustedProxies, tls, limits, timeouts, routes,
                newAuthorizer, headers, plan);
    }

    /** The trusted proxies as a lookup structure. */
    public PrefixTrie<Boolean> trustedProxyTrie() {
        Map<Cidr, Boolean> map = new LinkedHashMap<>();
        trustedProxies.forEach(c -> map.put(c, Boolean.TRUE));
        return PrefixTrie.of(map);
    }

    public static Builder builder(String name, InetSocketAddress listen, URI upstream) {
        return new Builder(name, listen, upstream);
    }

    /** A builder; defaults: no PROXY protocol, no TLS, default limits and timeouts, no routes, no authorizer. */
    public static final class Builder {
        private final String name;
        private final InetSocketAddress listen;
        private final URI upstream;
        private ProxyProtocol proxyProtocol = ProxyProtocol.OFF;
        private List<Cidr> trustedProxies = List.of();
        private Optional<TlsSettings> tls = Optional.empty();
        private Limits limits = Limits.DEFAULT;
        private Timeouts timeouts = Timeouts.DEFAULT;
        private List<RouteSettings> routes = List.of();
        private RequestAuthorizer authorizer = RequestAuthorizer.NONE;
        private String plan = "";
        private HeaderRules headers = HeaderRules.NONE;

        private Builder(String name, InetSocketAddress listen, URI upstream) {
            this.name = name;
            this.listen = listen;
            this.upstream = upstream;
        }

        /** PROXY protocol mode and the CIDRs of the peers allowed to send headers. */
        public Builder proxyProtocol(ProxyProtocol mode, List<String> trustedCidrs) {
            this.proxyProtocol = requireNonNull(mode, "proxyProtocol");
            List<Cidr> parsed = new java.util.ArrayList<>();
            for (int i = 0; i < trustedCidrs.size(); i++) {
                try {
                    parsed.add(Cidr.parse(trustedCidrs.get(i)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("trustedProxies[" + i + "]: " + e.getMessage(), e);
                }
            }
            this.trustedProxies = parsed;
            return this;
        }

        public Builder tls(TlsSettings tls) {
            this.tls = Optional.of(requireNonNull(tls, "tls"));
            return this;
        }

        public Builder limits(Limits limits) {
            this.limits = requireNonNull(limits, "limits");
            return this;
        }

        public Builder timeouts(Timeouts timeouts) {
            this.timeouts = requireNonNull(timeouts, "timeouts");
            return this;
        }

        public Builder routes(List<RouteSettings> routes) {
            this.routes = requireNonNull(routes, "routes");
            return this;
        }

        /** The identity and policy stage of every request; default {@link RequestAuthorizer#NONE}. */
        public Builder authorizer(RequestAuthorizer authorizer) {
            this.authorizer = requireNonNull(authorizer, "authorizer");
            return this;
        }

        /** Identity headers and header rules; default {@link HeaderRules#NONE}. */
        public Builder headers(HeaderRules headers) {
            this.headers = requireNonNull(headers, "headers");
            return this;
        }

        /** The digest of the plan the settings belong to; default {@code ""}. */
        public Builder plan(String plan) {
            this.plan = requireNonNull(plan, "plan");
            return this;
        }

        public ApiSettings build() {
            return new ApiSettings(name, listen, upstream, proxyProtocol, trustedProxies, tls, limits, timeouts,
                    routes, authorizer, headers, plan);
        }
    }
}
