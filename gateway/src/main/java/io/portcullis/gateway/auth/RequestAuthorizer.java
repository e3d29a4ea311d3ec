package io.portcullis.gateway.auth;

/**
 * The identity and policy stage of an API: decides on each request after its route and method matched and before
 * its body size and rate limits are checked. Set per API with {@code ApiSettings.Builder.authorizer}; a settings
 * swap with another authorizer applies from the next request on.
 *
 * <p>Called on the connection's event loop, once per request: an implementation must not block (no network or
 * disk I/O; verify tokens from cached keys, evaluate compiled policies). A denial is answered with the fixed
 * {@code 401} or {@code 403} response whatever its cause; the cause goes to the log, the counters and the
 * {@code RequestEvent}. An authorizer that throws or returns {@code null} denies the request (fail closed).
 */
@FunctionalInterface
public interface RequestAuthorizer {

    /** Allows every request, with no principal ({@link Authorization#NOT_REQUIRED}). */
    RequestAuthorizer NONE = facts -> Authorization.NOT_REQUIRED;

    /**
     * Decides on one request.
     *
     * @param facts what the gateway knows about the request and its connection; valid during this call only
     * @return the authorization: an allow (with the principal, when one was established) or a denial with its status
     */
    Authorization authorize(RequestFacts facts);

    /**
     * The least time from a request's head to its 401 or 403, whatever the cause: the gateway holds a faster
     * denial until then (on the event loop's timer, never blocking), so response time does not tell a missing
     * token from a bad signature or an expired one. Zero (the default) answers at once. A denial that took longer
     * than the floor is answered when it is decided, so the floor should exceed the slowest verification.
     */
    default java.time.Duration failureFloor() {
        return java.time.Duration.ZERO;
    }

    /**
     * The request headers that carry the credential this authorizer verifies (for a bearer token,
     * {@code Authorization}). A request that carries one of them more than once is refused with 400 before the
     * authorizer is asked, since the authorizer and the upstream could each read another one; and unless
     * {@link #forwardsCredentials()}, they are removed from the request the upstream gets. None by default.
     */
    default java.util.List<String> credentialHeaders() {
        return java.util.List.of();
    }

    /** Whether the upstream gets the {@link #credentialHeaders()} as the client sent them (default: no). */
    default boolean forwardsCredentials() {
        return false;
    }
}
