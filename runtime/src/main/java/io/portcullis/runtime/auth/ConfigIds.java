package io.portcullis.runtime.auth;

import static java.util.Objects.requireNonNull;

import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.Vpc;
import io.portcullis.config.VpcEndpoint;
import io.portcullis.config.Workload;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The ids a configuration declares that a resource policy's conditions compare with what the network layer
 * resolved ({@code aws:SourceVpc}, {@code aws:SourceVpce}, {@code aws:PrincipalAccount},
 * {@code portcullis:SourceSecurityGroups}, {@code portcullis:SourceWorkload}): an id that is none of them can never
 * be a request's value, which {@code validate} warns about. Groups are bare ids ({@code sg-...}), as policies name
 * them.
 */
public record ConfigIds(Set<String> vpcs, Set<String> endpoints, Set<String> accounts, Set<String> groups,
                        Set<String> workloads) {

    /** No ids: every id a policy names is unknown (for callers that discard warnings). */
    public static final ConfigIds NONE = new ConfigIds(Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

    public ConfigIds {
        vpcs = Set.copyOf(requireNonNull(vpcs, "vpcs"));
        endpoints = Set.copyOf(requireNonNull(endpoints, "endpoints"));
        accounts = Set.copyOf(requireNonNull(accounts, "accounts"));
        groups = Set.copyOf(requireNonNull(groups, "groups"));
        workloads = Set.copyOf(requireNonNull(workloads, "workloads"));
    }

    public static ConfigIds of(PortcullisConfig config) {
        return new ConfigIds(config.vpcs().stream().map(Vpc::id).collect(Collectors.toSet()),
                config.vpcEndpoints().stream().map(VpcEndpoint::id).collect(Collectors.toSet()),
                java.util.stream.Stream.concat(config.accounts().stream().map(a -> a.id()),
                        config.partners().stream().map(p -> p.account())).collect(Collectors.toSet()),
                config.securityGroups().stream().map(SecurityGroup::id).collect(Collectors.toSet()),
                java.util.stream.Stream.concat(config.workloads().stream().map(Workload::id),
                        config.partners().stream().map(p -> p.id())).collect(Collectors.toSet())); // partners share the workload namespace
    }
}
