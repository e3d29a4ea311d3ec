package io.portcullis.settings;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The traffic limits of one API. Connection limits count open connections at accept time; header and body
 * limits are enforced while reading; request and upstream-connection limits while a request is in flight; rate
 * limits are checked per request.
 *
 * @param maxHeaderBytes the largest request head (request line plus headers), answered with 431 beyond it
 * @param maxBodyBytes the largest request body, answered with 413 (before reading when Content-Length says so)
 * @param maxConnectionsPerSource open connections per source workload (per address for unknown sources)
 * @param maxConnectionsPerGroup open connections per effective security group of the source
 * @param maxConnections open connections to the API in total (a connection still sending its PROXY header
 *        counts)
 * @param maxRequestsInFlightPerSource requests of one source workload (or address) admitted and not yet
 *        finished, over all its connections and HTTP/2 streams; 429 beyond it
 * @param maxUpstreamConnections upstream connections the API's requests hold at once (each request in flight
 *        holds one); 503 beyond it
 * @param rateLimits token-bucket limits checked for every request
 */
public record Limits(int maxHeaderBytes, long maxBodyBytes, int maxConnectionsPerSource, int maxConnectionsPerGroup,
                     int maxConnections, int maxRequestsInFlightPerSource, int maxUpstreamConnections,
                     List<RateLimitSettings> rateLimits) {

    /**
     * 16 KiB of head, 10 MiB of body, 512 connections per source, 4,096 per group, 16,384 per API, 256 requests in
     * flight per source, 1,024 upstream connections per API.
     */
    public static final Limits DEFAULT = new Limits(16 * 1024, 10L * 1024 * 1024, 512, 4096, 16384, 256, 1024,
            List.of());

    public Limits {
        Checks.positive("maxHeaderBytes", maxHeaderBytes);
        Checks.positive("maxBodyBytes", maxBodyBytes);
        Checks.positive("maxConnectionsPerSource", maxConnectionsPerSource);
        Checks.positive("maxConnectionsPerGroup", maxConnectionsPerGroup);
        Checks.positive("maxConnections", maxConnections);
        Checks.positive("maxRequestsInFlightPerSource", maxRequestsInFlightPerSource);
        Checks.positive("maxUpstreamConnections", maxUpstreamConnections);
        rateLimits = List.copyOf(requireNonNull(rateLimits, "rateLimits"));
        if (maxHeaderBytes < 256) {
            throw new IllegalArgumentException("maxHeaderBytes: " + maxHeaderBytes + " (expected: >= 256)");
        }
        for (RateLimitSettings limit : rateLimits) {
            if (limit.key() == RateLimitKey.ROUTE) {
                throw new IllegalArgumentException(
                        "rateLimits: key 'route' (expected: on a route's limits, not the API's)");
            }
        }
    }

    public Limits withRateLimits(List<RateLimitSettings> limits) {
        return new Limits(maxHeaderBytes, maxBodyBytes, maxConnectionsPerSource, maxConnectionsPerGroup,
                maxConnections, maxRequestsInFlightPerSource, maxUpstreamConnections, limits);
    }

    public Limits withMaxBodyBytes(long bytes) {
        return new Limits(maxHeaderBytes, bytes, maxConnectionsPerSource, maxConnectionsPerGroup, maxConnections,
                maxRequestsInFlightPerSource, maxUpstreamConnections, rateLimits);
    }

    public Limits withMaxHeaderBytes(int bytes) {
        return new Limits(bytes, maxBodyBytes, maxConnectionsPerSource, maxConnectionsPerGroup, maxConnections,
                maxRequestsInFlightPerSource, maxUpstreamConnections, rateLimits);
    }

    public Limits withConnections(int perSource, int perGroup, int total) {
        return new Limits(maxHeaderBytes, maxBodyBytes, perSource, perGroup, total, maxRequestsInFlightPerSource,
                maxUpstreamConnections, rateLimits);
    }

    /** These limits with {@code perSource} requests in flight per source and {@code upstream} upstream connections. */
    public Limits withInFlight(int perSource, int upstream) {
        return new Limits(maxHeaderBytes, maxBodyBytes, maxConnectionsPerSource, maxConnectionsPerGroup,
                maxConnections, perSource, upstream, rateLimits);
    }
}
