package io.portcullis.config.node;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** The node-level sections of a configuration; each is optional. */
public record NodeConfig(Optional<AuditConfig> audit, Optional<AccessLogConfig> accessLog, Optional<AdminConfig> admin,
                         Optional<AlertsConfig> alerts, List<ThreatFeedConfig> threatFeeds, Optional<AutoBlockConfig> autoBlock,
                         Optional<GeoConfig> geo, Optional<ChangeControlConfig> changeControl,
                         Optional<AssuranceConfig> assurance, Optional<ConsoleConfig> console,
                         Optional<ClusterConfig> cluster) {

    public static final NodeConfig NONE = new NodeConfig(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    public NodeConfig {
        threatFeeds = List.copyOf(threatFeeds);
        requireNonNull(assurance, "assurance");
        requireNonNull(console, "console");
        requireNonNull(cluster, "cluster");
    }

    /** The sections without {@code console} and {@code cluster}. */
    public NodeConfig(Optional<AuditConfig> audit, Optional<AccessLogConfig> accessLog, Optional<AdminConfig> admin,
                      Optional<AlertsConfig> alerts, List<ThreatFeedConfig> threatFeeds, Optional<AutoBlockConfig> autoBlock,
                      Optional<GeoConfig> geo, Optional<ChangeControlConfig> changeControl,
                      Optional<AssuranceConfig> assurance) {
        this(audit, accessLog, admin, alerts, threatFeeds, autoBlock, geo, changeControl, assurance, Optional.empty(),
                Optional.empty());
    }

    /** The sections without {@code assurance}. */
    public NodeConfig(Optional<AuditConfig> audit, Optional<AccessLogConfig> accessLog, Optional<AdminConfig> admin,
                      Optional<AlertsConfig> alerts, List<ThreatFeedConfig> threatFeeds, Optional<AutoBlockConfig> autoBlock,
                      Optional<GeoConfig> geo, Optional<ChangeControlConfig> changeControl) {
        this(audit, accessLog, admin, alerts, threatFeeds, autoBlock, geo, changeControl, Optional.empty());
    }

    /** The sections without {@code changeControl}. */
    public NodeConfig(Optional<AuditConfig> audit, Optional<AccessLogConfig> accessLog, Optional<AdminConfig> admin,
                      Optional<AlertsConfig> alerts, List<ThreatFeedConfig> threatFeeds, Optional<AutoBlockConfig> autoBlock,
                      Optional<GeoConfig> geo) {
        this(audit, accessLog, admin, alerts, threatFeeds, autoBlock, geo, Optional.empty());
    }

    /** The sections without {@code geo}. */
    public NodeConfig(Optional<AuditConfig> audit, Optional<AccessLogConfig> accessLog, Optional<AdminConfig> admin,
                      Optional<AlertsConfig> alerts, List<ThreatFeedConfig> threatFeeds, Optional<AutoBlockConfig> autoBlock) {
        this(audit, accessLog, admin, alerts, threatFeeds, autoBlock, Optional.empty());
    }
}
