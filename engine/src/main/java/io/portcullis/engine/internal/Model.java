package io.portcullis.engine.internal;

import inet.ipaddr.IPAddress;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.SecurityGroup;
import java.util.List;
import java.util.Map;

/**
 * The interned, immutable part of a compiled configuration: groups, VPCs and endpoints by index, and each
 * group's upward inclusion closure. Shared by every snapshot built from the same configuration.
 *
 * @param closure for each group index, the sorted indexes of every group its members belong to (itself and
 *     every group that includes it, transitively, across connected VPCs only)
 */
public record Model(PortcullisConfig config, Map<String, Integer> groupIndex, List<SecurityGroup> groups,
                    int[] groupVpc, Map<String, Integer> vpcIndex, List<String> vpcIds, List<List<IPAddress>> vpcCidrs,
                    Map<String, Integer> endpointVpc, int[][] closure, Connectivity connectivity, List<String> groupKeys) {

    /** The group's {@code ACCOUNT/sg-id}, one shared instance per group (workload entries reference these). */
    public String groupKey(int g) {
        return groupKeys.get(g);
    }
}
