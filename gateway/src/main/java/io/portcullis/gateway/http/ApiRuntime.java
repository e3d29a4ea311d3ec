package io.portcullis.gateway.http;

import static java.util.Objects.requireNonNull;

import io.netty.handler.ssl.SslContext;
import io.portcullis.gateway.metrics.ApiMeters;
import io.portcullis.gateway.net.PrefixTrie;
import io.portcullis.gateway.settings.ApiSettings;
import io.portcullis.settings.RouteSettings;
import io.portcullis.gateway.wire.HeaderNameSet;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One API's settings compiled for the request path: the router, upstream addresses resolved once (at build or
 * reload time, never per request), the TLS context and the API's meters. Immutable; a reload builds a new one and requests that
 * already started keep the one they began with.
 */
public final class ApiRuntime {

    private final ApiSettings settings;
    private final Router router;
    private final Upstream defaultUpstream;
    private final Upstream[] routeUpstreams;
    private final String[] routeScopes;
    private final Optional<SslContext> sslContext;
    private final PrefixTrie<Boolean> trustedProxies;
    private final ApiMeters meters;
    private final HeaderNameSet[] singleCredentials;
    private final String[] singleCredentialNames;
    /** Request headers the upstream never gets from the client: verified credentials, identity headers, rules. */
    private final HeaderNameSet strippedRequestHeaders;
    /** Response headers removed, or replaced by the API's rules. */
    private final HeaderNameSet responseRemoved;

    /** Where and under which base path a request is forwarded. */
    public record Upstream(InetSocketAddress address, String hostHeader, String basePath) {}

    /**
     * Compiles the settings.
     *
     * @throws IllegalArgumentException when an upstream host name cannot be resolved
     */
    public ApiRuntime(ApiSettings settings, Optional<SslContext> sslContext, ApiMeters meters) {
        this.settings = requireNonNull(settings, "settings");
        this.sslContext = requireNonNull(sslContext, "sslContext");
        this.meters = requireNonNull(meters, "meters");
        this.router = new Router(settings.routes());
        this.trustedProxies = settings.trustedProxyTrie();
        // Credentials: Authorization and Proxy-Authorization are singletons whatever the API verifies, and so is
        // the header the authorizer reads its credential from.
        java.util.Set<String> single = new java.util.LinkedHashSet<>(List.of("Authorization", "Proxy-Authorization"));
        settings.authorizer().credentialHeaders().forEach(single::add);
        this.singleCredentialNames = single.stream().distinct().toArray(String[]::new);
        this.singleCredentials = single.stream().map(HeaderNameSet::of).toArray(HeaderNameSet[]::new);
        List<String> stripped = new java.util.ArrayList<>(settings.headers().requestStripped());
        if (!settings.authorizer().forwardsCredentials()) {
            stripped.addAll(settings.authorizer().credentialHeaders());
        }
        this.strippedRequestHeaders = stripped.isEmpty() ? HeaderNameSet.EMPTY : HeaderNameSet.of(stripped.toArray(String[]::new));
        this.responseRemoved = HeaderNameSet.of(java.util.stream.Stream.concat(settings.headers().responseRemove().stream(),
                settings.headers().responseSet().keySet().stream()).toArray(String[]::new));
        this.defaultUpstream = upstream(settings.upstream(), "upstream");
        this.routeUpstreams = new Upstream[settings.routes().size()];
        this.routeScopes = new String[routeUpstreams.length];
        for (int i = 0; i < routeUpstreams.length; i++) {
            RouteSettings route = settings.routes().get(i);
            routeScopes[i] = settings.name() + " " + route.path();
            routeUpstreams[i] = route.upstream().isPresent()
                    ? upstream(route.upstream().get(), "routes[" + i + "].upstream") : defaultUpstream;
        }
    }

    private static Upstream upstream(URI uri, String path) {
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        InetAddress address;
        try {
            address = InetAddress.getByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(path + ": host '" + uri.getHost() + "' does not resolve");
        }
        String base = uri.getRawPath() == null || uri.getRawPath().equals("/") ? "" : uri.getRawPath();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + port;
        return new Upstream(new InetSocketAddress(address, port), host, base);
    }

    /**
     * The credential header the request carries more than once (the first such, by name), or {@code null}:
     * such a request is refused, since the authorizer and the upstream could each read another one.
     */
    String repeatedCredential(ClientRequest request) {
        for (int i = 0; i < singleCredentials.length; i++) {
            if (request.count(singleCredentials[i]) > 1) {
                return singleCredentialNames[i];
            }
        }
        return null;
    }

    /** The credential headers the upstream does not get (those the authorizer verified, unless it forwards them). */
    /** The largest body a request may send on route {@code routeIndex} (-1: none matched): the route's, else the API's. */
    long maxBodyBytes(int routeIndex) {
        long api = settings.limits().maxBodyBytes();
        return routeIndex >= 0 ? router.route(routeIndex).maxBodyBytes().orElse(api) : api;
    }

    HeaderNameSet responseRemoved() {
        return responseRemoved;
    }

    /**
     * The headers the gateway adds to a request for the upstream: the verified identity in the API's identity
     * headers (each value made safe for a header: see {@link HeaderValues#safe}) and the request's {@code set}
     * rules. Empty (and allocation-free) when the API has no header rules.
     */
    List<Map.Entry<String, String>> addedRequestHeaders(RequestRecord record, io.portcullis.decision.Source source) {
        io.portcullis.settings.HeaderRules rules = settings.headers();
        if (rules.identity().isEmpty() && rules.requestSet().isEmpty()) {
            return List.of();
        }
        List<Map.Entry<String, String>> out = new java.util.ArrayList<>(rules.identity().size() + rules.requestSet().size());
        io.portcullis.gateway.auth.Authorization a = record.authorization;
        rules.identity().forEach((field, name) -> {
            String value = switch (field) {
                case PRINCIPAL -> a == null ? "" : HeaderValues.safe(a.principal());
                case SUBJECT -> a == null ? "" : HeaderValues.safe(a.subject());
                case ISSUER -> a == null ? "" : HeaderValues.safe(a.issuer());
                case ACCOUNT -> HeaderValues.safe(source.account());
                case WORKLOAD -> HeaderValues.safe(source.workload());
                case GROUPS -> String.join(",", source.groups().stream().map(HeaderValues::safe).toList());
                case PLAN -> settings.plan();
            };
            if (!value.isEmpty()) {
                out.add(Map.entry(name, value));
            }
        });
        rules.requestSet().forEach((name, value) -> out.add(Map.entry(name, value)));
        return out;
    }

    HeaderNameSet strippedRequestHeaders() {
        return strippedRequestHeaders;
    }

    /** The rate-limit scope of a route's own limits: the API's name and the route's pattern. */
    public String routeScope(int routeIndex) {
        return routeScopes[routeIndex];
    }

    public ApiSettings settings() {
        return settings;
    }

    public String name() {
        return settings.name();
    }

    public Router router() {
        return router;
    }

    /** The upstream of a route index, or the API's upstream for -1. */
    public Upstream upstream(int routeIndex) {
        return routeIndex < 0 ? defaultUpstream : routeUpstreams[routeIndex];
    }

    /** The peers allowed to send PROXY headers. */
    public PrefixTrie<Boolean> trustedProxies() {
        return trustedProxies;
    }

    public Optional<SslContext> sslContext() {
        return sslContext;
    }

    /** The API's meters, resolved for this snapshot's routes. */
    public ApiMeters meters() {
        return meters;
    }
}
