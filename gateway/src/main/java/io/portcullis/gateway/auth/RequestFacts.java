package io.portcullis.gateway.auth;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpHeaders;
import io.portcullis.decision.Source;
import io.portcullis.gateway.tls.ClientIdentity;
import java.time.Instant;
import java.util.List;

/**
 * What the gateway knows about a request when it asks the {@link RequestAuthorizer}: the API and matched route,
 * the method and target, the request headers (read-only lookups), the connection's resolved network
 * {@link Source}, the verified client certificate and whether the transport is TLS.
 *
 * <p>Built once per request on the event loop; the header lookups read the request's own header map without
 * copying it, so a facts object is valid only during the authorizer call.
 */
public final class RequestFacts {

    private final String requestId;
    private final String api;
    private final String route;
    private final String method;
    private final String path;
    private final HeaderLookup headers;
    private final Source source;
    private final ClientIdentity clientIdentity;
    private final boolean tls;
    private final String protocol;
    private final Instant time;

    /**
     * @param requestId the gateway's id of the request
     * @param api the API name
     * @param route the matched route's path pattern, or {@code null} when the API has no routes
     * @param method the request method
     * @param path the request target as received, in origin form (path and query)
     * @param headers the request headers as the client sent them; valid only during the authorizer's call (the
     *                gateway rewrites them in place when it forwards the request); never change them
     * @param source the connection's resolved source
     * @param clientIdentity the verified client certificate identity, or {@code null}
     * @param tls whether the connection is TLS
     * @param protocol {@code HTTP/1.0}, {@code HTTP/1.1} or {@code HTTP/2}
     * @param time when the request head was received
     */
    public RequestFacts(String requestId, String api, String route, String method, String path, HttpHeaders headers,
                        Source source, ClientIdentity clientIdentity, boolean tls, String protocol, Instant time) {
        this(requestId, api, route, method, path, HeaderLookup.of(requireNonNull(headers, "headers")), source,
                clientIdentity, tls, protocol, time);
    }

    /** As above, with the headers behind {@link HeaderLookup} (the gateway's HTTP/1.1 requests: no map is built). */
    public RequestFacts(String requestId, String api, String route, String method, String path, HeaderLookup headers,
                        Source source, ClientIdentity clientIdentity, boolean tls, String protocol, Instant time) {
        this.requestId = requireNonNull(requestId, "requestId");
        this.api = requireNonNull(api, "api");
        this.route = route;
        this.method = requireNonNull(method, "method");
        this.path = requireNonNull(path, "path");
        this.headers = requireNonNull(headers, "headers");
        this.source = requireNonNull(source, "source");
        this.clientIdentity = clientIdentity;
        this.tls = tls;
        this.protocol = requireNonNull(protocol, "protocol");
        this.time = requireNonNull(time, "time");
    }

    public String requestId() {
        return requestId;
    }

    public String api() {
        return api;
    }

    /** The matched route's path pattern (e.g. {@code /orders/*}), or {@code null} when the API has no routes. */
    public String route() {
        return route;
    }

    public String method() {
        return method;
    }

    /** The target as received, in origin form, query included (redacting it is the consumer's job). */
    public String path() {
        return path;
    }

    /** The first value of a request header (case-insensitive name), or {@code null}. */
    public String header(String name) {
        return headers.first(name);
    }

    /** Every value of a request header, in order; empty when absent. */
    public List<String> headerValues(String name) {
        return headers.all(name);
    }

    public Source source() {
        return source;
    }

    /** The verified client certificate identity (mTLS), or {@code null}. */
    public ClientIdentity clientIdentity() {
        return clientIdentity;
    }

    public boolean tls() {
        return tls;
    }

    /** {@code HTTP/1.0}, {@code HTTP/1.1} or {@code HTTP/2}. */
    public String protocol() {
        return protocol;
    }

    /** When the request head was received. */
    public Instant time() {
        return time;
    }
}
