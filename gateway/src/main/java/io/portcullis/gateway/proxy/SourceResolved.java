package io.portcullis.gateway.proxy;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;

/**
 * Who the connection's source is: the TCP peer, or the client named by a trusted PROXY header. The PROXY stage
 * passes it down as its first message, before any of the connection's bytes; the connection guard right behind
 * it decides on it and passes it no further.
 *
 * @param source the source address and port
 * @param vpcEndpointId the AWS VPC endpoint id, or {@code ""}
 */
public record SourceResolved(InetSocketAddress source, String vpcEndpointId) {

    public SourceResolved {
        requireNonNull(source, "source");
        requireNonNull(vpcEndpointId, "vpcEndpointId");
    }
}
