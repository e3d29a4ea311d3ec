package io.portcullis.gateway.proxy;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;

/**
 * The pipeline event that says who the connection's source is: the TCP peer, or the client named by a trusted
 * PROXY header. The connection guard decides on it; nothing is read from the client before it.
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
