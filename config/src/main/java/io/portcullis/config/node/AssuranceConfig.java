package io.portcullis.config.node;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code assurance}: the node probes its own tenant isolation. Tenants are the values of the tag {@code tenantKey}
 * (on groups, workloads, VPC endpoints and APIs, else on their accounts); the isolation matrix is probed
 * {@code every} period and, with {@code afterReload}, after every reload. Probes carry tokens signed with the
 * secret in {@code probeKey}, which marks them to the gateway.
 *
 * @param tenants the tenants to probe; empty means every tenant the configuration declares
 */
public record AssuranceConfig(String tenantKey, Path probeKey, Optional<Duration> every, boolean afterReload,
                              List<String> tenants) {

    public AssuranceConfig {
        requireNonNull(tenantKey, "tenantKey");
        requireNonNull(probeKey, "probeKey");
        requireNonNull(every, "every");
        tenants = List.copyOf(tenants);
    }
}
