package io.portcullis.config.internal;

import io.portcullis.config.Connection;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which VPCs may reach each other: a VPC reaches itself, its peers (peering is not transitive, as in AWS) and
 * every VPC on a transit gateway it is attached to.
 */
public final class Connectivity {

    private final Map<String, Set<String>> reach = new HashMap<>();

    public Connectivity(Collection<Connection> connections) {
        for (Connection c : connections) {
            for (String a : c.vpcs()) {
                for (String b : c.vpcs()) {
                    if (!a.equals(b)) {
                        reach.computeIfAbsent(a, k -> new HashSet<>()).add(b);
                    }
                }
            }
        }
    }

    public boolean connected(String a, String b) {
        return a.equals(b) || reach.getOrDefault(a, Set.of()).contains(b);
    }

    /** VPCs connected to {@code vpc}, not including itself. */
    public Set<String> peersOf(String vpc) {
        return reach.getOrDefault(vpc, Set.of());
    }
}
