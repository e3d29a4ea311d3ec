package io.portcullis.gateway.http;

import static java.util.Objects.requireNonNull;

import io.portcullis.gateway.limit.RateLimiter;
import io.portcullis.gateway.metrics.Rejections;
import io.portcullis.gateway.upstream.UpstreamPools;

/** The node-wide services every proxy stage shares: upstream pools, the rate-limit store and refusal counts. */
public record ProxyServices(UpstreamPools pools, RateLimiter rateLimiter, Rejections rejections) {

    public ProxyServices {
        requireNonNull(pools, "pools");
        requireNonNull(rateLimiter, "rateLimiter");
        requireNonNull(rejections, "rejections");
    }
}
