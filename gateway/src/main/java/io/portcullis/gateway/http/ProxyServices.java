package io.portcullis.gateway.http;

import static java.util.Objects.requireNonNull;

import io.portcullis.gateway.guard.Blocklist;
import io.portcullis.gateway.guard.ConnectionGuard;
import io.portcullis.gateway.guard.PlanEpoch;
import io.portcullis.gateway.limit.RateLimiter;
import io.portcullis.gateway.metrics.Rejections;
import io.portcullis.gateway.observe.RequestIds;
import io.portcullis.gateway.observe.DecisionShadow;
import io.portcullis.gateway.observe.SafeListener;
import io.portcullis.gateway.probe.ProbeMarks;
import io.portcullis.gateway.upstream.UpstreamPools;
import io.portcullis.time.Ticker;
import java.time.Clock;

/**
 * The node-wide services every proxy stage shares: upstream pools, the rate-limit store, refusal counts, the
 * application's listener, request ids, the clock of event times, the ticker of elapsed times (timeouts, latencies,
 * the failure floor, re-admission), and the connection guard and blocklist every request is re-admitted with
 * ({@link io.portcullis.gateway.guard.Readmission}), the shadow told of every request's live decision, and how
 * probes are told from traffic ({@link ProbeMarks}).
 */
public record ProxyServices(UpstreamPools pools, RateLimiter rateLimiter, Rejections rejections,
                            SafeListener listener, RequestIds requestIds, Clock clock, Ticker ticker,
                            ConnectionGuard guard, Blocklist blocklist, PlanEpoch planEpoch,
                            DecisionShadow shadow, ProbeMarks probes) {

    public ProxyServices {
        requireNonNull(guard, "guard");
        requireNonNull(blocklist, "blocklist");
        requireNonNull(planEpoch, "planEpoch");
        requireNonNull(shadow, "shadow");
        requireNonNull(pools, "pools");
        requireNonNull(rateLimiter, "rateLimiter");
        requireNonNull(rejections, "rejections");
        requireNonNull(listener, "listener");
        requireNonNull(requestIds, "requestIds");
        requireNonNull(clock, "clock");
        requireNonNull(ticker, "ticker");
        requireNonNull(probes, "probes");
    }
}
