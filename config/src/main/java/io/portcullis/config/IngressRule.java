package io.portcullis.config;

import java.time.Instant;
import java.util.Optional;

/**
 * One ingress rule of a security group. Rules only allow; a rule outside its {@code schedule} or past its
 * {@code expires} instant matches nothing.
 */
public record IngressRule(Protocol protocol, PortRange ports, Peer from, Optional<Schedule> schedule,
                          Optional<Instant> expires, String description) {

    /** {@code tcp/8443}, {@code udp/all}, {@code all}. */
    public String protocolAndPorts() {
        return protocol.number() == -1 ? "all" : protocol.hasPorts() ? protocol + "/" + ports : protocol.toString();
    }
}
