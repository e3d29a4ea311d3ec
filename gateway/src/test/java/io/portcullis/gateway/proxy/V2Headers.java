package io.portcullis.gateway.proxy;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/** Builds PROXY v2 headers for tests, the way an AWS NLB lays them out. */
public final class V2Headers {

    private V2Headers() {}

    /** A PROXY/TCP4 header from the address, with an optional AWS VPC endpoint TLV and CRC32C TLV. */
    public static byte[] tcp4(String source, int sourcePort, String vpce, boolean withCrc) {
        ByteArrayOutputStream tlvs = new ByteArrayOutputStream();
        if (!vpce.isEmpty()) {
            byte[] id = vpce.getBytes(StandardCharsets.US_ASCII);
            tlvs.write(0xEA);
            tlvs.write((id.length + 1) >> 8);
            tlvs.write(id.length + 1);
            tlvs.write(0x01);
            tlvs.writeBytes(id);
        }
        int crcAt = -1;
        if (withCrc) {
            crcAt = 16 + 12 + tlvs.size() + 3;
            tlvs.writeBytes(new byte[] {0x03, 0, 4, 0, 0, 0, 0});
        }
        byte[] addresses;
        try {
            addresses = ByteBuffer.allocate(12).put(InetAddress.getByName(source).getAddress())
                    .put(new byte[] {10, 0, 0, 99}).putShort((short) sourcePort).putShort((short) 443).array();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
        ByteBuffer header = ByteBuffer.allocate(16 + 12 + tlvs.size());
        header.put(ProxyHeaderDecoder.V2_SIGNATURE).put((byte) 0x21).put((byte) 0x11)
                .putShort((short) (12 + tlvs.size())).put(addresses).put(tlvs.toByteArray());
        byte[] bytes = header.array();
        if (withCrc) {
            CRC32C crc = new CRC32C();
            crc.update(bytes);
            ByteBuffer.wrap(bytes).putInt(crcAt, (int) crc.getValue());
        }
        return bytes;
    }
}
