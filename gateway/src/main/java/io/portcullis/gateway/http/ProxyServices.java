package io.portcullis.gateway.http;

import static java.util.Objects.requireNonNull;

import io.portcullis.gateway.limit.RateLimiter;
import io.portcullis.gateway.metrics.Rejections;
import io.portcullis.gateway.observe.RequestIds;
import io.portcullis.gateway.observe.SafeListener;
import io.portcullis.gateway.upstream.UpstreamPools;
import java.time.Clock;

/**
 * The node-wide services every proxy stage shares: upstream pools, the rate-limit store, refusal counts, the
 * application's listener, request ids and the clock of event times.
 */
public record ProxyServices(UpstreamPools pools, RateLimiter rateLimiter, Rejections rejections,
                            SafeListener listener, RequestIds requestIds, Clock clock) {

    public ProxyServices {
        requireNonNull(pools, "pools");
        requireNonNull(rateLimiter, "rateLimiter");
        requireNonNull(rejections, "rejections");
        requireNonNull(listener, "listener");
        requireNonNull(requestIds, "requestIds");
        requireNonNull(clock, "clock");
    }
}
