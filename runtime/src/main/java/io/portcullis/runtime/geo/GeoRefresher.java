package io.portcullis.runtime.geo;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the node's geo databases current: checks the files of the locator in force every {@code geo.refresh}
 * on a daemon thread of its own and lets the locator swap what changed (a broken file is logged and the last
 * good databases stay). Exposes each database's build time as the gauge
 * {@code portcullis_geo_database_build_time_seconds{database="country"|"anonymousIp"}} (epoch seconds; NaN
 * when none is open), so an operator can alert on data that is getting old. A reload {@linkplain #use uses}
 * the new plan's locator.
 */
public final class GeoRefresher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GeoRefresher.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "portcullis-geo-refresh");
        t.setDaemon(true);
        return t;
    });
    private volatile GeoLocator locator;
    private ScheduledFuture<?> task;

    private GeoRefresher(GeoLocator locator) {
        this.locator = locator;
    }

    /** Starts checking {@code locator}'s files, and registers the build-time gauges in {@code registry}. */
    public static GeoRefresher start(GeoLocator locator, MeterRegistry registry) {
        GeoRefresher r = new GeoRefresher(locator);
        Gauge.builder("portcullis_geo_database_build_time_seconds", r,
                        g -> seconds(g.locator.databases().locationInfo()))
                .strongReference(true).tag("database", "country").description("build time of the geo.country database in force")
                .register(registry);
        Gauge.builder("portcullis_geo_database_build_time_seconds", r,
                        g -> seconds(g.locator.databases().anonymityInfo()))
                .strongReference(true).tag("database", "anonymousIp").description("build time of the geo.anonymousIp database in force")
                .register(registry);
        r.schedule();
        return r;
    }

    /** The locator in force from now on (a reload's); checking starts afresh at its refresh interval. */
    public synchronized void use(GeoLocator next) {
        locator = next;
        schedule();
    }

    /** Checks the files now (what the timer does every interval). */
    public void check() {
        GeoLocator current = locator;
        Optional<String> failure = current.refresh();
        failure.ifPresent(f -> log.warn("geo: keeping the databases in force: {}", f));
    }

    private synchronized void schedule() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
        Optional<Duration> every = locator.config().map(c -> c.refresh());
        if (every.isPresent() && !timer.isShutdown()) {
            long ms = Math.max(1, every.get().toMillis());
            task = timer.scheduleWithFixedDelay(this::checkQuietly, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("geo: check failed; the databases in force stay", e);
        }
    }

    private static double seconds(Optional<DatabaseInfo> info) {
        return info.map(i -> (double) i.buildTime().getEpochSecond()).orElse(Double.NaN);
    }

    @Override
    public synchronized void close() {
        timer.shutdownNow();
    }
}
