package io.portcullis.gateway.proxy;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A decoded PROXY header.
 *
 * @param version 1 or 2
 * @param source the original client, or empty for LOCAL / UNKNOWN headers (health checks: use the TCP peer)
 * @param destination the address the client connected to, or empty
 * @param vpcEndpointId the AWS VPC endpoint id from TLV 0xEA/0x01, or {@code ""}
 * @param crc32c the verified CRC32C, when the header carried one
 */
public record ProxyHeader(int version, Optional<InetSocketAddress> source, Optional<InetSocketAddress> destination,
                          String vpcEndpointId, OptionalLong crc32c) {

    public ProxyHeader {
        if (version != 1 && version != 2) {
            throw new IllegalArgumentException("version: " + version + " (expected: 1 or 2)");
        }
        requireNonNull(source, "source");
        requireNonNull(destination, "destination");
        requireNonNull(vpcEndpointId, "vpcEndpointId");
        requireNonNull(crc32c, "crc32c");
    }
}
