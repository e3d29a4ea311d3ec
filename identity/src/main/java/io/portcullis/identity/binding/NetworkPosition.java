package io.portcullis.identity.binding;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Where a caller stands on the network, as the network layer resolved it at accept time: its account, its
 * workload and its effective security groups ({@code ACCOUNT/sg-id}). Empty strings mean unknown. The gateway
 * builds one per connection from the engine's source, so binding checks allocate nothing per request.
 */
public record NetworkPosition(String account, String workload, List<String> groups) {

    public NetworkPosition {
        requireNonNull(account, "account");
        requireNonNull(workload, "workload");
        groups = List.copyOf(groups);
    }
}
