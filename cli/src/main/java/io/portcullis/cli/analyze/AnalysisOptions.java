package io.portcullis.cli.analyze;

import io.portcullis.analysis.findings.AnalysisSettings;
import io.portcullis.analysis.findings.InputTree;
import io.portcullis.analysis.findings.RiskyPort;
import io.portcullis.analysis.findings.SettingsFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options that set the rules' thresholds: a settings file, then each flag over it. */
final class AnalysisOptions {

    @Option(names = "--settings", paramLabel = "FILE", description = "analysis settings (YAML or JSON; docs/analyze.md#settings)")
    Path settings;

    @Option(names = "--max-prefix", paramLabel = "BITS", description = "an IPv4 source shorter than this prefix is wide (default: 16)")
    Integer maxPrefix;

    @Option(names = "--max-prefix-v6", paramLabel = "BITS", description = "an IPv6 source shorter than this prefix is wide (default: 48)")
    Integer maxPrefixV6;

    @Option(names = "--risky-ports", paramLabel = "LIST", split = ",",
            description = "ports that must not be open wide, e.g. tcp/22,tcp/3389,all (default: SSH, RDP, databases, all traffic)")
    List<String> riskyPorts;

    @Option(names = "--expiring-within", paramLabel = "DURATION", description = "report rules expiring within this (default: 30d)")
    String expiringWithin;

    @Option(names = "--boundary-tag", paramLabel = "KEY",
            description = "a tag key whose values are tiers or tenants (repeatable; replaces the default: tenant, data)")
    List<String> boundaryTags;

    @Option(names = "--quota", paramLabel = "NAME=N",
            description = "an AWS quota as raised in your accounts: rules-per-group (default 60), groups-per-interface (default 5)")
    Map<String, Integer> quotas;

    /** The settings these options give, or an exception whose message says which option is wrong and why. */
    AnalysisSettings settings() {
        AnalysisSettings s = settings == null ? AnalysisSettings.DEFAULTS : SettingsFile.read(settings, AnalysisSettings.DEFAULTS);
        if (maxPrefix != null || maxPrefixV6 != null) {
            s = s.withMaxPrefix(maxPrefix == null ? s.maxPrefixV4() : maxPrefix, maxPrefixV6 == null ? s.maxPrefixV6() : maxPrefixV6);
        }
        if (riskyPorts != null) {
            List<RiskyPort> ports = new ArrayList<>();
            for (String p : riskyPorts) {
                ports.add(RiskyPort.parse(p));
            }
            s = s.withRiskyPorts(ports);
        }
        if (expiringWithin != null) {
            List<String> why = new ArrayList<>();
            Duration d = InputTree.duration(expiringWithin, why::add);
            if (d == null) {
                throw new IllegalArgumentException("--expiring-within: " + why.get(0));
            }
            s = s.withExpiringWithin(d);
        }
        if (boundaryTags != null) {
            s = s.withBoundaries(boundaryTags, s.allowedCrossings().stream().filter(c -> boundaryTags.contains(c.key())).toList());
        }
        if (quotas != null) {
            for (String k : quotas.keySet()) {
                if (!k.equals("rules-per-group") && !k.equals("groups-per-interface")) {
                    throw new IllegalArgumentException("--quota: '" + k + "' (expected: rules-per-group or groups-per-interface)");
                }
            }
            s = s.withQuotas(quotas.getOrDefault("rules-per-group", s.rulesPerGroup()),
                    quotas.getOrDefault("groups-per-interface", s.groupsPerInterface()), s.near());
        }
        return s;
    }
}
