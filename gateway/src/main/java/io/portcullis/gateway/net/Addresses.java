package io.portcullis.gateway.net;

import java.net.InetAddress;

/** Address helpers shared by the prefix structures. */
public final class Addresses {

    private Addresses() {}

    /**
     * The address bytes with IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}) folded to IPv4, so that a
     * dual-stack listener matches IPv4 prefixes. The JDK already folds mapped addresses in
     * {@link InetAddress#getByAddress(byte[])}; this keeps the rule explicit and allocation-light.
     */
    public static byte[] canonicalBytes(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 16 && isV4Mapped(bytes)) {
            return new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
        }
        return bytes;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }
}
