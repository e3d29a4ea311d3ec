package io.portcullis.gateway.guard;

import io.portcullis.decision.Admission;
import java.net.InetAddress;

/**
 * The network layer's decision for a new connection: may this source reach this API, and who is it? The
 * application implements it with the security-group engine; it is called once per connection on an event
 * loop, so it must not block (the engine answers from an immutable snapshot).
 */
@FunctionalInterface
public interface ConnectionGuard {

    /**
     * Decides on a connection.
     *
     * @param apiName the API the connection arrived at
     * @param address the source address (from a trusted PROXY header, or the TCP peer)
     * @param vpcEndpointId the VPC endpoint the connection came through, or {@code ""} when none
     * @param nowMillis the current time, for scheduled and expiring rules
     * @return the admission: a deny closes the connection; an allow carries the resolved source
     */
    Admission admit(String apiName, InetAddress address, String vpcEndpointId, long nowMillis);
}
