package io.portcullis.gateway.net;

import static java.util.Objects.requireNonNull;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 prefix such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}. A bare address is a host prefix
 * ({@code /32} or {@code /128}). Host bits must be zero so that a typo such as {@code 10.0.0.1/8} is reported
 * rather than silently widened.
 *
 * @param network the network address bytes (4 or 16), host bits zero
 * @param prefixLength the number of leading bits that must match
 */
public record Cidr(byte[] network, int prefixLength) {

    public Cidr {
        requireNonNull(network, "network");
        if (network.length != 4 && network.length != 16) {
            throw new IllegalArgumentException("network: " + network.length + " bytes (expected: 4 or 16)");
        }
        if (prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException(
                    "prefixLength: " + prefixLength + " (expected: 0.." + network.length * 8 + ")");
        }
        network = network.clone();
    }

    /**
     * Parses a CIDR or bare address.
     *
     * @throws IllegalArgumentException naming the text and what was expected
     */
    public static Cidr parse(String text) {
        requireNonNull(text, "text");
        IPAddress address;
        try {
            address = new IPAddressString(text.strip()).toAddress();
        } catch (AddressStringException | RuntimeException e) { // the library throws unchecked on some inputs
            address = null;
        }
        if (address == null) {
            throw new IllegalArgumentException(
                    "'" + text + "' (expected: an IPv4 or IPv6 CIDR such as 10.0.0.0/8 or 2001:db8::/32)");
        }
        Integer prefix = address.getNetworkPrefixLength();
        int length = prefix == null ? address.getBitCount() : prefix;
        byte[] bytes = address.withoutPrefixLength().getBytes();
        byte[] masked = bytes.clone();
        for (int bit = length; bit < masked.length * 8; bit++) {
            masked[bit >>> 3] &= (byte) ~(0x80 >>> (bit & 7));
        }
        if (!Arrays.equals(bytes, masked)) {
            throw new IllegalArgumentException("'" + text + "' (expected: host bits zero, e.g. "
                    + new Cidr(masked, length) + ")");
        }
        return new Cidr(bytes, length);
    }

    /** The host prefix of one address; IPv4-mapped IPv6 addresses become IPv4. */
    public static Cidr of(InetAddress address) {
        byte[] bytes = Addresses.canonicalBytes(address);
        return new Cidr(bytes, bytes.length * 8);
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    byte[] networkBytes() {
        return network;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && prefixLength == c.prefixLength && Arrays.equals(network, c.network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefixLength;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
