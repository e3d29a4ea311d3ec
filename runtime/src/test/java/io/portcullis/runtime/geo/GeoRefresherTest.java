package io.portcullis.runtime.geo;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.portcullis.config.node.GeoConfig;
import io.portcullis.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build-time gauges and the check that swaps a changed file in (what the timer runs every interval). */
class GeoRefresherTest {

    private static final double BUILT = 1770245369; // 2026-02-04T22:49:29Z, the test databases' build time

    @TempDir
    Path dir;

    @Test
    void exposesEachBuildTimeAndSwapsAChangedFileOnCheck() throws Exception {
        Path country = dir.resolve("country.mmdb");
        Files.copy(TestData.path("geoip/GeoIP2-Country-Test.mmdb"), country);
        GeoLocator locator = GeoLocator.open(new GeoConfig(Optional.of(country), Optional.empty(), Duration.ofHours(1)));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (GeoRefresher refresher = GeoRefresher.start(locator, registry)) {
            assertThat(registry.get("portcullis_geo_database_build_time_seconds").tag("database", "country").gauge().value())
                    .isEqualTo(BUILT);
            assertThat(registry.get("portcullis_geo_database_build_time_seconds").tag("database", "anonymousIp").gauge().value())
                    .as("no anonymousIp database").isNaN();

            Path next = dir.resolve("next.mmdb");
            Files.copy(TestData.path("geoip/GeoLite2-Country-Test.mmdb"), next);
            Files.move(next, country, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            refresher.check();
            assertThat(locator.databases().locationInfo().orElseThrow().type()).isEqualTo("GeoLite2-Country");

            GeoLocator both = GeoLocator.open(new GeoConfig(Optional.empty(),
                    Optional.of(TestData.path("geoip/GeoIP2-Anonymous-IP-Test.mmdb")), Duration.ofHours(1)));
            refresher.use(both); // a reload's plan
            assertThat(registry.get("portcullis_geo_database_build_time_seconds").tag("database", "anonymousIp").gauge().value())
                    .isEqualTo(BUILT);
            assertThat(registry.get("portcullis_geo_database_build_time_seconds").tag("database", "country").gauge().value())
                    .isNaN();
        }
    }
}
