package io.portcullis.config.internal;

import io.portcullis.config.Account;
import io.portcullis.config.Api;
import io.portcullis.config.AwsApi;
import io.portcullis.config.Connection;
import io.portcullis.config.Partner;
import io.portcullis.config.PrefixList;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.Vpc;
import io.portcullis.config.VpcEndpoint;
import io.portcullis.config.Workload;
import io.portcullis.config.node.AccessLogConfig;
import io.portcullis.config.node.AdminConfig;
import io.portcullis.config.node.AlertsConfig;
import io.portcullis.config.node.AuditConfig;
import io.portcullis.config.node.AutoBlockConfig;
import io.portcullis.config.node.ChangeControlConfig;
import io.portcullis.config.node.GeoConfig;
import io.portcullis.config.node.NodeConfig;
import io.portcullis.config.node.ThreatFeedConfig;
import java.util.ArrayList;
import java.util.List;

/** The sections of every file read so far, merged, each element with its origin. Mutable; loader-private. */
public final class Draft {
    public final List<Located<Account>> accounts = new ArrayList<>();
    public final List<Located<Vpc>> vpcs = new ArrayList<>();
    public final List<Located<Connection>> connections = new ArrayList<>();
    public final List<Located<VpcEndpoint>> vpcEndpoints = new ArrayList<>();
    public final List<Located<PrefixList>> prefixLists = new ArrayList<>();
    public final List<Located<SecurityGroup>> securityGroups = new ArrayList<>();
    public final List<Located<Workload>> workloads = new ArrayList<>();
    public final List<Located<Partner>> partners = new ArrayList<>();
    public final List<Located<Api>> apis = new ArrayList<>();
    public final List<Located<AwsApi>> awsApis = new ArrayList<>();
    public Located<AuditConfig> audit;
    public Located<AccessLogConfig> accessLog;
    public Located<AdminConfig> admin;
    public Located<AlertsConfig> alerts;
    public Located<AutoBlockConfig> autoBlock;
    public Located<GeoConfig> geo;
    public Located<ChangeControlConfig> changeControl;
    public Located<io.portcullis.config.node.AssuranceConfig> assurance;
    public Located<io.portcullis.config.node.ConsoleConfig> console;
    public Located<io.portcullis.config.node.ClusterConfig> cluster;
    public final List<Located<ThreatFeedConfig>> threatFeeds = new ArrayList<>();

    /** Adds the elements of {@code file} (a draft of one file's lists), after those read so far. */
    public void addAll(Draft file) {
        accounts.addAll(file.accounts);
        vpcs.addAll(file.vpcs);
        connections.addAll(file.connections);
        vpcEndpoints.addAll(file.vpcEndpoints);
        prefixLists.addAll(file.prefixLists);
        securityGroups.addAll(file.securityGroups);
        workloads.addAll(file.workloads);
        partners.addAll(file.partners);
        apis.addAll(file.apis);
        awsApis.addAll(file.awsApis);
    }

    /** The node-level sections read so far. */
    public NodeConfig node() {
        return new NodeConfig(value(audit), value(accessLog), value(admin), value(alerts),
                threatFeeds.stream().map(Located::value).toList(), value(autoBlock), value(geo),
                value(changeControl), value(assurance), value(console), value(cluster));
    }

    private static <T> java.util.Optional<T> value(Located<T> located) {
        return located == null ? java.util.Optional.empty() : java.util.Optional.of(located.value());
    }
}
