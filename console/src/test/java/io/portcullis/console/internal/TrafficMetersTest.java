package io.portcullis.console.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.portcullis.gateway.metrics.GatewayMetrics;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Percentiles read from a latency histogram's buckets, as Prometheus's histogram_quantile reads them. */
class TrafficMetersTest {

    @Test
    void interpolatesInsideTheBucketThatHoldsTheRank() {
        double[] bounds = {10, 20, 40};
        double[] cumulative = {50, 90, 100};
        assertThat(TrafficMeters.quantile(0.5, cumulative, bounds)).isCloseTo(10, within(1e-9));
        assertThat(TrafficMeters.quantile(0.7, cumulative, bounds)).isCloseTo(15, within(1e-9));
        assertThat(TrafficMeters.quantile(0.95, cumulative, bounds)).isCloseTo(30, within(1e-9));
        assertThat(TrafficMeters.quantile(0.5, new double[] {0, 0, 0}, bounds)).isNaN();
    }

    @Test
    void readsTheGatewaysLatencyHistogramOverTheLastTicks() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Timer timer = Timer.builder(GatewayMetrics.DURATION).tags("api", "orders", "route", "/x").publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(50)).register(registry);
        TrafficMeters meters = new TrafficMeters(registry);
        assertThat(meters.sample(0).path("apis")).isEmpty(); // no requests counter: no API row
        var requests = registry.counter(GatewayMetrics.REQUESTS, "api", "orders", "route", "/x", "status", "2xx");
        meters.sample(1_000_000_000L);
        for (int i = 0; i < 99; i++) {
            timer.record(Duration.ofMillis(3));
        }
        timer.record(Duration.ofMillis(45));
        requests.increment(100);
        var row = meters.sample(2_000_000_000L).path("apis").get(0);
        assertThat(row.path("requests").asLong()).isEqualTo(100);
        assertThat(row.path("p50").asDouble()).isLessThanOrEqualTo(5);
        assertThat(row.path("p99").asDouble()).isLessThanOrEqualTo(5);
        assertThat(row.path("rps").asDouble()).isEqualTo(100.0);
    }
}
