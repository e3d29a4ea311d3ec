package io.portcullis.config;

import java.time.Instant;
import java.util.Optional;

/**
 * One ingress rule of a security group. Rules only allow; a rule outside its {@code schedule} or past its
 * {@code expires} instant matches nothing. {@code justification} says why the access exists; a rule is an
 * exception ({@link #isException()}) when it expires or is marked {@code exception: true}, and an exception should
 * carry both a justification and an expiry (validate warns otherwise). Neither changes a decision.
 */
public record IngressRule(Protocol protocol, PortRange ports, Peer from, Optional<Schedule> schedule,
                          Optional<Instant> expires, String description, String justification, boolean exception) {

    public IngressRule {
        java.util.Objects.requireNonNull(justification, "justification");
    }

    /** A rule with no justification, not marked as an exception. */
    public IngressRule(Protocol protocol, PortRange ports, Peer from, Optional<Schedule> schedule,
                       Optional<Instant> expires, String description) {
        this(protocol, ports, from, schedule, expires, description, "", false);
    }

    /** An accepted exception: marked so, or temporary (it expires). */
    public boolean isException() {
        return exception || expires.isPresent();
    }

    /** {@code tcp/8443}, {@code udp/all}, {@code all}. */
    public String protocolAndPorts() {
        return protocol.number() == -1 ? "all" : protocol.hasPorts() ? protocol + "/" + ports : protocol.toString();
    }
}
