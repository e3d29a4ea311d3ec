package io.portcullis.gateway.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.portcullis.gateway.guard.Blocklist;
import io.portcullis.gateway.limit.InFlight;
import io.portcullis.gateway.settings.ApiSettings;
import io.portcullis.time.Ticker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The data plane's Micrometer meters. Names (Prometheus names in brackets):
 *
 * <ul>
 *   <li>{@value #REQUESTS} {@code {api, route, status}} [{@code portcullis_requests_total}]: finished requests by
 *       status class ({@code 2xx} ... {@code 5xx}, {@code none} when the client left before any response);</li>
 *   <li>{@value #DURATION} {@code {api, route}} [{@code portcullis_request_duration_seconds}]: latency, a
 *       percentile histogram with SLO buckets from 5 ms to 10 s;</li>
 *   <li>{@value #UPSTREAM_ERRORS} {@code {api, kind}}: 502/504 causes and mid-response failures;</li>
 *   <li>{@value #RATE_LIMITED} {@code {api, route}}: requests refused by a token bucket;</li>
 *   <li>{@value #ACTIVE_CONNECTIONS} {@code {api}}: admitted connections now open;</li>
 *   <li>{@value #REQUESTS_IN_FLIGHT} {@code {api}}: requests admitted and not yet finished (each source's share is
 *       bounded by {@code maxRequestsInFlightPerSource});</li>
 *   <li>{@value #UPSTREAM_CONNECTIONS} {@code {api}}: upstream connections the API's requests hold now (bounded by
 *       {@code maxUpstreamConnections});</li>
 *   <li>{@value #DECISIONS} {@code {api, stage, verdict, layer, reason}}: every connection-level and request-level
 *       decision, allows included;</li>
 *   <li>{@value #BLOCKLIST_ENTRIES}: blocked prefixes, when the blocklist can count them;</li>
 *   <li>{@code portcullis.refusals {layer, reason}} ({@link Rejections}) and {@code portcullis.listener.errors
 *       {callback}} ({@code SafeListener}).</li>
 * </ul>
 *
 * <p>Tag values are bounded by the configuration: the route tag is the route's pattern ({@code none} when no route
 * matched), never the request path; reasons are the code constants of each layer. Meters are resolved when
 * settings are compiled ({@link #api(ApiSettings)} at start and on every swap), so a request touches
 * pre-resolved meters only; decision counters are resolved on a reason's first use per API and snapshot. Meters
 * of routes removed by a swap stay registered (their counts stop growing).
 */
public final class GatewayMetrics {

    public static final String REQUESTS = "portcullis.requests";
    public static final String DURATION = "portcullis.request.duration";
    public static final String UPSTREAM_ERRORS = "portcullis.upstream.errors";
    public static final String RATE_LIMITED = "portcullis.ratelimit.rejections";
    public static final String ACTIVE_CONNECTIONS = "portcullis.connections.active";
    public static final String REQUESTS_IN_FLIGHT = "portcullis.requests.inflight";
    public static final String UPSTREAM_CONNECTIONS = "portcullis.upstream.connections.active";
    public static final String DECISIONS = "portcullis.decisions";
    public static final String BLOCKLIST_ENTRIES = "portcullis.blocklist.entries";

    private final MeterRegistry registry;
    private final Ticker ticker;
    private final Map<String, ApiCounters> counters = new ConcurrentHashMap<>();

    /** The counts of one API that outlive its settings snapshots. */
    record ApiCounters(AtomicInteger connections, InFlight requests, InFlight upstreamConnections) {}

    /** Meters in {@code registry}; the upstream-error log budgets count their seconds on {@code ticker}. */
    public GatewayMetrics(MeterRegistry registry, Ticker ticker) {
        this.registry = requireNonNull(registry, "registry");
        this.ticker = requireNonNull(ticker, "ticker");
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The meters of one API's settings (registered now; existing meters are reused). */
    public ApiMeters api(ApiSettings settings) {
        ApiCounters api = counters.computeIfAbsent(settings.name(), name -> {
            ApiCounters c = new ApiCounters(new AtomicInteger(), new InFlight(), new InFlight());
            Gauge.builder(ACTIVE_CONNECTIONS, c.connections(), AtomicInteger::get)
                    .description("Admitted connections open").tag("api", name).strongReference(true).register(registry);
            Gauge.builder(REQUESTS_IN_FLIGHT, c.requests(), InFlight::current)
                    .description("Requests admitted and not yet finished").tag("api", name).strongReference(true)
                    .register(registry);
            Gauge.builder(UPSTREAM_CONNECTIONS, c.upstreamConnections(), InFlight::current)
                    .description("Upstream connections held by requests in flight").tag("api", name)
                    .strongReference(true).register(registry);
            return c;
        });
        return new ApiMeters(registry, settings, api, ticker.read());
    }

    /** Exports the blocklist's size, unless it cannot count its entries ({@link Blocklist#size()} below 0). */
    public void blocklist(Blocklist blocklist) {
        if (blocklist.size() >= 0) {
            Gauge.builder(BLOCKLIST_ENTRIES, blocklist, Blocklist::size).description("Blocked address prefixes")
                    .strongReference(true).register(registry);
        }
    }
}
