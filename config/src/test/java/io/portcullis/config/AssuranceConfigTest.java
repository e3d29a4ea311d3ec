package io.portcullis.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.config.node.AssuranceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assurance} and {@code alerts.unusualTraffic}: parsed with their defaults, mistakes refused at their line. */
class AssuranceConfigTest {

    @TempDir
    Path dir;

    private ValidationReport load(String yaml) throws IOException {
        Path file = dir.resolve("node.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.create().load(file);
    }

    @Test
    void parsesTheSectionAndFillsInItsDefaults() throws IOException {
        ValidationReport r = load("""
                assurance: {probeKey: probe.key}
                alerts: {unusualTraffic: true}
                """);

        assertThat(r.errors()).isEmpty();
        assertThat(r.config().orElseThrow().node().assurance()).contains(
                new AssuranceConfig("tenant", dir.resolve("probe.key"), Optional.empty(), false, List.of()));
        assertThat(r.config().orElseThrow().node().alerts().orElseThrow().unusualTraffic()).isTrue();
    }

    @Test
    void parsesEveryField() throws IOException {
        ValidationReport r = load("""
                assurance: {probeKey: keys/probe.key, tenantKey: customer, every: 7d, afterReload: true, tenants: [acme, globex]}
                """);

        assertThat(r.config().orElseThrow().node().assurance()).contains(new AssuranceConfig("customer",
                dir.resolve("keys/probe.key"), Optional.of(Duration.ofDays(7)), true, List.of("acme", "globex")));
    }

    @Test
    void refusesMistakesEachAtItsLine() throws IOException {
        ValidationReport r = load("""
                assurance:
                  every: 2s
                  afterReload: yes please
                  tenantKey: "no spaces"
                """);

        assertThat(r.config()).isEmpty();
        assertThat(r.errors()).extracting(Problem::toString).containsExactlyInAnyOrder(
                dir.resolve("node.yaml") + ":1:1: assurance.probeKey: missing (expected: a file path)",
                dir.resolve("node.yaml") + ":2:3: assurance.every: 2s (expected: at least 10s)",
                dir.resolve("node.yaml") + ":3:3: assurance.afterReload: got 'yes please' (expected: true or false)",
                dir.resolve("node.yaml") + ":4:3: assurance.tenantKey: 'no spaces' (expected: a tag key: letters, digits and . _ : / = + - @)");
    }
}
