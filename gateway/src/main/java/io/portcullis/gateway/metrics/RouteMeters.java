package io.portcullis.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The request meters of one route of one API (or of requests that matched no route), resolved once. */
public final class RouteMeters {

    private static final String[] STATUS_CLASSES = {"none", "1xx", "2xx", "3xx", "4xx", "5xx"};
    private static final Duration[] SLOS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final Counter[] byStatusClass = new Counter[STATUS_CLASSES.length];
    private final Timer duration;
    private final Counter rateLimited;

    RouteMeters(MeterRegistry registry, String api, String route) {
        for (int i = 0; i < STATUS_CLASSES.length; i++) {
            byStatusClass[i] = Counter.builder(GatewayMetrics.REQUESTS).description("Finished requests")
                    .tags("api", api, "route", route, "status", STATUS_CLASSES[i]).register(registry);
        }
        duration = Timer.builder(GatewayMetrics.DURATION)
                .description("From the request head to the last response byte")
                .tags("api", api, "route", route)
                .publishPercentileHistogram()
                .serviceLevelObjectives(SLOS)
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        rateLimited = Counter.builder(GatewayMetrics.RATE_LIMITED).description("Requests refused by a rate limit")
                .tags("api", api, "route", route).register(registry);
    }

    /** A finished request: its status ({@code 0}: none sent) and latency. */
    public void finished(int status, long latencyNanos) {
        int statusClass = status / 100;
        byStatusClass[statusClass >= 1 && statusClass <= 5 ? statusClass : 0].increment();
        duration.record(latencyNanos, TimeUnit.NANOSECONDS);
    }

    public void rateLimited() {
        rateLimited.increment();
    }
}
