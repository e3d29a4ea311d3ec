package io.portcullis.config;

import java.util.List;

/**
 * A declared network path between VPCs. Peering connects exactly two VPCs and is not transitive; a transit
 * gateway connects every VPC attached to it. Only connected VPCs may reference each other's groups.
 */
public record Connection(Type type, List<String> vpcs) {

    public enum Type { PEERING, TRANSIT_GATEWAY }

    public Connection {
        vpcs = List.copyOf(vpcs);
    }
}
