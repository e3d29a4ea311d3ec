package io.portcullis.config;

import java.util.List;

/**
 * A private API: where it listens and the security groups attached to it, as on an AWS network interface.
 * The listen port is the port that ingress rules are checked against.
 */
public record Api(String name, String account, String vpc, String listenHost, int listenPort,
                  List<GroupRef> securityGroups) {
    public Api {
        securityGroups = List.copyOf(securityGroups);
    }

    public String listen() {
        return (listenHost.contains(":") ? "[" + listenHost + "]" : listenHost) + ":" + listenPort;
    }
}
