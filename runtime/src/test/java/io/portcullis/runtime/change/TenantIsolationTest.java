package io.portcullis.runtime.change;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.ValidationReport;
import io.portcullis.config.node.BaselineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tenant-isolation baseline ("tenant A never reaches tenant B") on examples/saas: met, then broken by one rule. */
class TenantIsolationTest {

    private static final List<BaselineConfig> APART = List.of(new BaselineConfig("tenants-apart", "tenant-isolation", Map.of(),
            Optional.empty()));
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void metByTheExampleAndBrokenByARuleFromAnotherTenantsClients() throws IOException {
        TradingCopy.copy("saas/config", dir);
        assertThat(Baselines.check(APART, load(), NOW)).isEmpty();

        Path acme = dir.resolve("tenant-acme.yaml");
        Files.writeString(acme, Files.readString(acme).replace("description: platform health checks }",
                "description: platform health checks }\n      - { protocol: tcp, ports: 8441, from: { group: sg-initech-clients } }"));

        assertThat(Baselines.check(APART, load(), NOW)).extracting(Object::toString).containsExactly(
                "apis[0]: baseline 'tenants-apart': API acme-api (tenant acme) is reached by another tenant's workload "
                        + "initech-app-1 (tenant initech, by 100000000000/sg-acme-api ingress[2]) (expected: no caller of one "
                        + "tenant reaches an API of another)");
    }

    private PortcullisConfig load() {
        ValidationReport r = ConfigLoader.create().load(List.of(dir));
        assertThat(r.errors()).isEmpty();
        return r.config().orElseThrow();
    }
}
