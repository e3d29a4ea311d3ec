package io.portcullis.config.node;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code changeControl.baselines[]}: a requirement every plan must meet, by name. {@code require} is one of
 * {@link #REQUIREMENTS}: {@code source-restriction} (every API's resource policy conditions on {@code aws:SourceVpc}
 * or {@code aws:SourceVpce}), {@code no-wide-sources} (no ingress rule from a CIDR of /8 or wider, IPv6 /32 or
 * wider, directly or through a prefix list), {@code expiring-rules} (every ingress rule into a group whose tags
 * include all of {@code groupsTagged} expires within {@code within}), {@code tenant-isolation} (no workload or partner
 * of one tenant reaches an API of another: the {@code tenant} label or tag, else the account's {@code tenant} tag).
 */
public record BaselineConfig(String name, String require, Map<String, String> groupsTagged, Optional<Duration> within) {

    public static final List<String> REQUIREMENTS = List.of("source-restriction", "no-wide-sources", "expiring-rules",
            "tenant-isolation");

    public BaselineConfig {
        requireNonNull(name, "name");
        requireNonNull(require, "require");
        groupsTagged = Map.copyOf(groupsTagged);
        requireNonNull(within, "within");
    }
}
