package io.portcullis.config;

import java.util.List;

/**
 * A complete, validated configuration. Instances come only from {@link ConfigLoader}, which guarantees every
 * reference resolves, no {@code includes}/{@code extends} cycle exists and connected VPCs do not overlap.
 */
public record PortcullisConfig(List<Account> accounts, List<Vpc> vpcs, List<Connection> connections,
                               List<VpcEndpoint> vpcEndpoints, List<PrefixList> prefixLists,
                               List<SecurityGroup> securityGroups, List<Workload> workloads, List<Api> apis) {
    public PortcullisConfig {
        accounts = List.copyOf(accounts);
        vpcs = List.copyOf(vpcs);
        connections = List.copyOf(connections);
        vpcEndpoints = List.copyOf(vpcEndpoints);
        prefixLists = List.copyOf(prefixLists);
        securityGroups = List.copyOf(securityGroups);
        workloads = List.copyOf(workloads);
        apis = List.copyOf(apis);
    }
}
