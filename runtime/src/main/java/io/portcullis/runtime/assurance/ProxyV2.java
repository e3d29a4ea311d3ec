package io.portcullis.runtime.assurance;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A PROXY protocol v2 header as an AWS Network Load Balancer writes it: TCP over IPv4 or IPv6, the caller's
 * address, and for a caller that came through an interface VPC endpoint the AWS TLV (type 0xEA, subtype 0x01)
 * naming the endpoint. The probe sends it from a trusted-proxy address to play a caller behind the balancer.
 */
final class ProxyV2 {

    private static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private ProxyV2() {}

    static byte[] header(InetAddress source, int sourcePort, InetAddress destination, int destinationPort, String vpce) {
        boolean v4 = source instanceof Inet4Address;
        if (v4 != destination instanceof Inet4Address) {
            destination = v4 ? loopback4() : destination;
        }
        ByteArrayOutputStream tlvs = new ByteArrayOutputStream();
        if (!vpce.isEmpty()) {
            byte[] id = vpce.getBytes(StandardCharsets.US_ASCII);
            tlvs.write(0xEA);
            tlvs.write((id.length + 1) >> 8);
            tlvs.write(id.length + 1);
            tlvs.write(0x01);
            tlvs.writeBytes(id);
        }
        int addressBytes = v4 ? 12 : 36;
        ByteBuffer b = ByteBuffer.allocate(16 + addressBytes + tlvs.size());
        b.put(SIGNATURE).put((byte) 0x21).put((byte) (v4 ? 0x11 : 0x21)).putShort((short) (addressBytes + tlvs.size()));
        b.put(source.getAddress()).put(destination.getAddress());
        b.putShort((short) sourcePort).putShort((short) destinationPort);
        b.put(tlvs.toByteArray());
        return b.array();
    }

    private static InetAddress loopback4() {
        return InetAddress.getLoopbackAddress();
    }
}
