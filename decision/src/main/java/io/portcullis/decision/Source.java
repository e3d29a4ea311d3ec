package io.portcullis.decision;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.util.List;

/**
 * Who a caller is on the network, as resolved at accept time: the VPC it came from (and the VPC endpoint, when
 * it arrived through one), its private address, and, when the address belongs to a declared workload, that
 * workload, its account and its effective security groups (direct groups plus every group that includes them).
 * Later layers (claims binding, resource-policy context keys, audit) read it; it never changes after accept.
 *
 * @param vpc the source VPC id, or empty when unknown
 * @param vpcEndpoint the VPC endpoint id the caller arrived through, or empty
 * @param address the caller's private address
 * @param workload the workload id, or empty when the address belongs to no declared workload
 * @param account the workload's (or VPC's) account id, or empty
 * @param groups the effective security groups as {@code ACCOUNT/sg-id}, empty for an unknown address
 */
public record Source(String vpc, String vpcEndpoint, InetAddress address, String workload, String account,
                     List<String> groups) {

    public Source {
        requireNonNull(vpc, "vpc");
        requireNonNull(vpcEndpoint, "vpcEndpoint");
        requireNonNull(address, "address");
        requireNonNull(workload, "workload");
        requireNonNull(account, "account");
        groups = List.copyOf(groups);
    }

    public boolean isKnownWorkload() {
        return !workload.isEmpty();
    }
}
