package io.portcullis.feeds.internal;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.util.Arrays;

/**
 * One normalized prefix: network bytes (4 or 16, host bits zero) and a length, ordered IPv4 before IPv6, then
 * by network, then by length.
 *
 * <p>Parsing accepts only the plain textual forms a feed uses: dotted-quad IPv4 and RFC 4291 IPv6 (with an
 * embedded IPv4 tail), each with an optional {@code /length}. The IPAddress library's wider syntax (wildcards,
 * ranges, {@code inet_aton} forms such as {@code 10.1}, masks, zones, leading zeros that could mean octal) is
 * refused, so an unusual line is reported as bad rather than read as something nobody meant.
 */
public record Prefix(byte[] network, int length, String canonical) implements Comparable<Prefix> {

    private static final IPAddressStringParameters STRICT;

    static {
        IPAddressStringParameters.Builder b = new IPAddressStringParameters.Builder()
                .allowEmpty(false).allowAll(false).allowSingleSegment(false).allowPrefixOnly(false)
                .allowMask(false).allowWildcardedSeparator(false).setRangeOptions(RangeParameters.NO_RANGE)
                .allow_inet_aton(false);
        b.getIPv4AddressParametersBuilder().allowLeadingZeros(false)
                .allowPrefixesBeyondAddressSize(false).allowBinary(false);
        b.getIPv6AddressParametersBuilder().allowZone(false)
                .allowPrefixesBeyondAddressSize(false).allowBinary(false);
        STRICT = b.toParams();
    }

    /** Thrown for text that is not an address or CIDR. */
    public static final class NotAPrefix extends Exception {
        private static final long serialVersionUID = 1L;

        NotAPrefix() {
            super(null, null, false, false);
        }
    }

    /** The outcome of parsing one entry: the prefix, and whether host bits had to be cleared. */
    public record Parsed(Prefix prefix, boolean hostBitsMasked) {}

    /** Parses one address or CIDR; host bits are cleared and reported, never an error. */
    public static Parsed parse(String text) throws NotAPrefix {
        IPAddress address;
        try {
            address = new IPAddressString(text, STRICT).toAddress();
        } catch (AddressStringException | RuntimeException e) {
            throw new NotAPrefix();
        }
        if (address == null) {
            throw new NotAPrefix();
        }
        Integer prefixLength = address.getNetworkPrefixLength();
        int length = prefixLength == null ? address.getBitCount() : prefixLength;
        byte[] given = address.getLower().withoutPrefixLength().getBytes();
        byte[] network = mask(given, length);
        boolean masked = !Arrays.equals(given, network);
        return new Parsed(of(network, length), masked);
    }

    /** A prefix from network bytes; IPv4-mapped IPv6 prefixes of length 96 or more become IPv4. */
    public static Prefix of(byte[] network, int length) {
        if (network.length == 16 && length >= 96 && isIpv4Mapped(network)) {
            return of(Arrays.copyOfRange(network, 12, 16), length - 96);
        }
        IPAddress address = network.length == 4 ? new IPv4Address(network) : new IPv6Address(network);
        return new Prefix(network, length, address.toCanonicalString() + "/" + length);
    }

    /** This prefix as an IPAddress prefix block, for merging. */
    public IPAddress toBlock() {
        IPAddress address = network.length == 4 ? new IPv4Address(network, length) : new IPv6Address(network, length);
        return address.toPrefixBlock();
    }

    /** The prefix of an IPAddress prefix block produced by merging. */
    public static Prefix ofBlock(IPAddress block) {
        Integer prefixLength = block.getNetworkPrefixLength();
        int length = prefixLength == null ? block.getBitCount() : prefixLength;
        return of(block.getLower().withoutPrefixLength().getBytes(), length);
    }

    private static byte[] mask(byte[] bytes, int length) {
        byte[] out = bytes.clone();
        for (int bit = length; bit < out.length * 8; bit++) {
            out[bit >>> 3] &= (byte) ~(0x80 >>> (bit & 7));
        }
        return out;
    }

    private static boolean isIpv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    @Override
    public int compareTo(Prefix o) {
        if (network.length != o.network.length) {
            return Integer.compare(network.length, o.network.length);
        }
        int c = Arrays.compareUnsigned(network, o.network);
        return c != 0 ? c : Integer.compare(length, o.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prefix p && length == p.length && Arrays.equals(network, p.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + length;
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    @Override
    public String toString() {
        return canonical;
    }
}
