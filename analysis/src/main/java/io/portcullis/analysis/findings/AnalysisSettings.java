package io.portcullis.analysis.findings;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * What the rules take as given: how wide a range is too wide, which ports are risky, how soon an expiry counts,
 * which tags draw boundaries, and the AWS quotas (adjustable in AWS, so adjustable here). Read from an analysis
 * settings file ({@link SettingsFile}) and flags; every value is checked here.
 *
 * @param maxPrefixV4 a source range shorter than this prefix is wide ({@code /16}: a {@code /8} is wide)
 * @param maxPrefixV6 the same for IPv6 ({@code /48})
 * @param riskyPorts ports that must not be open wide (PC-NET-003)
 * @param expiringWithin how soon an expiry is reported (PC-EXP-002)
 * @param boundaryKeys the tag keys whose values are tiers or tenants (PC-SEG-001)
 * @param allowedCrossings flows between boundary values that are intended
 * @param rulesPerGroup AWS's inbound rules per security group (per address family)
 * @param groupsPerInterface AWS's security groups per network interface
 * @param near the share of a quota from which it is reported as near (0.8)
 */
public record AnalysisSettings(int maxPrefixV4, int maxPrefixV6, List<RiskyPort> riskyPorts, Duration expiringWithin,
                               List<String> boundaryKeys, List<Crossing> allowedCrossings, int rulesPerGroup,
                               int groupsPerInterface, double near) {

    public static final AnalysisSettings DEFAULTS = new AnalysisSettings(16, 48, RiskyPort.DEFAULTS, Duration.ofDays(30),
            List.of("tenant", "data"), List.of(), 60, 5, 0.8);

    public AnalysisSettings {
        if (maxPrefixV4 < 0 || maxPrefixV4 > 32) {
            throw new IllegalArgumentException("maxPrefix.ipv4: " + maxPrefixV4 + " (expected: 0-32)");
        }
        if (maxPrefixV6 < 0 || maxPrefixV6 > 128) {
            throw new IllegalArgumentException("maxPrefix.ipv6: " + maxPrefixV6 + " (expected: 0-128)");
        }
        riskyPorts = List.copyOf(riskyPorts);
        requireNonNull(expiringWithin, "expiringWithin");
        if (expiringWithin.isNegative()) {
            throw new IllegalArgumentException("expiringWithin: " + expiringWithin + " (expected: >= 0)");
        }
        boundaryKeys = List.copyOf(boundaryKeys);
        allowedCrossings = List.copyOf(allowedCrossings);
        if (rulesPerGroup < 1) {
            throw new IllegalArgumentException("quotas.rulesPerGroup: " + rulesPerGroup + " (expected: > 0)");
        }
        if (groupsPerInterface < 1) {
            throw new IllegalArgumentException("quotas.groupsPerInterface: " + groupsPerInterface + " (expected: > 0)");
        }
        if (!(near > 0 && near <= 1)) {
            throw new IllegalArgumentException("quotas.near: " + near + " (expected: > 0 and <= 1)");
        }
    }

    /** Whether a range of {@code prefix} bits is wider than allowed. */
    public boolean wide(boolean ipv4, int prefix) {
        return prefix < (ipv4 ? maxPrefixV4 : maxPrefixV6);
    }

    public boolean allowed(String key, String from, String to) {
        return allowedCrossings.stream().anyMatch(c -> c.key().equals(key) && c.from().equals(from) && c.to().equals(to));
    }

    /** An intended flow across a boundary: sources with {@code key: from} may reach targets with {@code key: to}. */
    public record Crossing(String key, String from, String to) {
        public Crossing {
            requireNonNull(key, "key");
            requireNonNull(from, "from");
            requireNonNull(to, "to");
        }
    }

    public AnalysisSettings withMaxPrefix(int v4, int v6) {
        return new AnalysisSettings(v4, v6, riskyPorts, expiringWithin, boundaryKeys, allowedCrossings, rulesPerGroup,
                groupsPerInterface, near);
    }

    public AnalysisSettings withRiskyPorts(List<RiskyPort> ports) {
        return new AnalysisSettings(maxPrefixV4, maxPrefixV6, ports, expiringWithin, boundaryKeys, allowedCrossings,
                rulesPerGroup, groupsPerInterface, near);
    }

    public AnalysisSettings withExpiringWithin(Duration d) {
        return new AnalysisSettings(maxPrefixV4, maxPrefixV6, riskyPorts, d, boundaryKeys, allowedCrossings,
                rulesPerGroup, groupsPerInterface, near);
    }

    public AnalysisSettings withBoundaries(List<String> keys, List<Crossing> allowed) {
        return new AnalysisSettings(maxPrefixV4, maxPrefixV6, riskyPorts, expiringWithin, keys, allowed, rulesPerGroup,
                groupsPerInterface, near);
    }

    public AnalysisSettings withQuotas(int rules, int groups, double nearShare) {
        return new AnalysisSettings(maxPrefixV4, maxPrefixV6, riskyPorts, expiringWithin, boundaryKeys, allowedCrossings,
                rules, groups, nearShare);
    }
}
