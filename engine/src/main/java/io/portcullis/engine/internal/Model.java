package io.portcullis.engine.internal;

import inet.ipaddr.IPAddress;
import io.portcullis.config.GroupRef;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.SecurityGroup;
import java.util.List;
import java.util.Map;

/**
 * The interned, immutable part of a compiled configuration: groups, VPCs and endpoints by index, and each
 * group's upward inclusion closure. Shared by every snapshot built from the same configuration.
 *
 * @param vpcCidrs each VPC's CIDRs, for containment checks of new workload addresses
 * @param vpcPrefixes the same CIDRs as primitive prefixes, for the APIs' caller-VPC ranges
 * @param groupsByAccount account, then group id, to group index (the same as {@code groupIndex})
 * @param closure for each group index, the sorted indexes of every group its members belong to (itself and
 *     every group that includes it, transitively, across connected VPCs only)
 */
public record Model(PortcullisConfig config, Map<String, Integer> groupIndex, List<SecurityGroup> groups,
                    int[] groupVpc, Map<String, Integer> vpcIndex, List<String> vpcIds, List<List<IPAddress>> vpcCidrs,
                    List<List<Addr.Prefix>> vpcPrefixes,
                    Map<String, Integer> endpointVpc, int[][] closure, Connectivity connectivity, List<String> groupKeys,
                    Map<String, Map<String, Integer>> groupsByAccount) {

    /** The index of a declared group, looked up without building its key string; null if undeclared. */
    public Integer group(GroupRef ref) {
        Map<String, Integer> ids = groupsByAccount.get(ref.account());
        return ids == null ? null : ids.get(ref.id());
    }

    /** The group's {@code ACCOUNT/sg-id}, one shared instance per group (workload entries reference these). */
    public String groupKey(int g) {
        return groupKeys.get(g);
    }
}
