package io.portcullis.config;

import io.portcullis.config.node.NodeConfig;
import java.util.List;

/**
 * A complete, validated configuration. Instances come only from {@link ConfigLoader}, which guarantees every
 * reference resolves, no {@code includes}/{@code extends} cycle exists and connected VPCs do not overlap.
 */
public record PortcullisConfig(List<Account> accounts, List<Vpc> vpcs, List<Connection> connections,
                               List<VpcEndpoint> vpcEndpoints, List<PrefixList> prefixLists,
                               List<SecurityGroup> securityGroups, List<Workload> workloads, List<Partner> partners,
                               List<Api> apis, List<AwsApi> awsApis, NodeConfig node) {
    public PortcullisConfig {
        java.util.Objects.requireNonNull(node, "node");
        accounts = List.copyOf(accounts);
        vpcs = List.copyOf(vpcs);
        connections = List.copyOf(connections);
        vpcEndpoints = List.copyOf(vpcEndpoints);
        prefixLists = List.copyOf(prefixLists);
        securityGroups = List.copyOf(securityGroups);
        workloads = List.copyOf(workloads);
        partners = List.copyOf(partners);
        apis = List.copyOf(apis);
        awsApis = List.copyOf(awsApis);
    }

    /** A configuration without partners and node-level sections (analysis, tests). */
    public PortcullisConfig(List<Account> accounts, List<Vpc> vpcs, List<Connection> connections,
                            List<VpcEndpoint> vpcEndpoints, List<PrefixList> prefixLists,
                            List<SecurityGroup> securityGroups, List<Workload> workloads, List<Api> apis) {
        this(accounts, vpcs, connections, vpcEndpoints, prefixLists, securityGroups, workloads, List.of(), apis, List.of(),
                NodeConfig.NONE);
    }
}
