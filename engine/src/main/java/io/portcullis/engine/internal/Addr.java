package io.portcullis.engine.internal;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Addresses as primitive values so lookups never allocate: IPv4 as {@code family 4, hi 0, lo = 32-bit value};
 * IPv6 as {@code family 6, hi/lo = the two 64-bit halves}.
 */
public final class Addr {

    private Addr() {}

    public static long ipv4(int address) {
        return address & 0xFFFF_FFFFL;
    }

    /** {hi, lo} of an address; allocates, so callers use it off the hot path or keep the result. */
    public static long[] halves(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return new long[] {0, ipv4(((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF))};
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (b[i] & 0xFF);
            lo = (lo << 8) | (b[8 + i] & 0xFF);
        }
        return new long[] {hi, lo};
    }

    public static long[] halves(IPAddress a) {
        BigInteger v = a.getValue();
        return new long[] {v.shiftRight(64).longValue(), v.longValue()};
    }

    /** A parsed address or CIDR: family 4 or 6, prefix length (the full width for a plain address), hi/lo halves. */
    public record Prefix(int family, int bits, long hi, long lo) {}

    /**
     * Parses an address or CIDR as the configuration writes it. Canonical dotted-quad IPv4 (with or without a
     * prefix length) is parsed here, without allocating beyond the result; anything else (IPv6, or IPv4 in any
     * other spelling) goes through IPAddress, which the configuration was validated with. Returns null for text
     * that is not an address.
     */
    public static Prefix parse(String text) {
        long v4 = parseIpv4(text);
        if (v4 >= 0) {
            return new Prefix(4, (int) (v4 >>> 32), 0, v4 & 0xFFFF_FFFFL);
        }
        IPAddress a = new IPAddressString(text).getAddress();
        if (a == null) {
            return null;
        }
        Integer bits = a.getNetworkPrefixLength();
        long[] h = halves(a.getLower());
        return new Prefix(a.isIPv4() ? 4 : 6, bits == null ? a.getBitCount() : bits, h[0], h[1]);
    }

    /**
     * {@code a.b.c.d} or {@code a.b.c.d/n} in decimal without leading zeros, as {@code n << 32 | address} (n = 32
     * without a prefix length); -1 for any other text, which the caller hands to IPAddress.
     */
    static long parseIpv4(String s) {
        int n = s.length();
        int i = 0;
        long address = 0;
        for (int part = 0; part < 4; part++) {
            int start = i;
            int v = 0;
            while (i < n && i - start < 3 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                v = v * 10 + s.charAt(i++) - '0';
            }
            if (i == start || v > 255 || (i - start > 1 && s.charAt(start) == '0')) {
                return -1;
            }
            address = address << 8 | v;
            if (part < 3) {
                if (i >= n || s.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        int bits = 32;
        if (i < n) {
            if (s.charAt(i++) != '/') {
                return -1;
            }
            int start = i;
            bits = 0;
            while (i < n && i - start < 2 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                bits = bits * 10 + s.charAt(i++) - '0';
            }
            if (i == start || i != n || bits > 32 || (i - start > 1 && s.charAt(start) == '0')) {
                return -1;
            }
        }
        return (long) bits << 32 | address;
    }

    public static InetAddress inet(String text) {
        return new IPAddressString(text).getAddress().toInetAddress();
    }

    /** Clears the host bits of (hi, lo) for a prefix of {@code bits} within a {@code width}-bit address. */
    public static long maskHi(long hi, int bits, int width) {
        if (width == 32) {
            return 0;
        }
        return bits >= 64 ? hi : bits == 0 ? 0 : hi & (-1L << (64 - bits));
    }

    public static long maskLo(long lo, int bits, int width) {
        if (width == 32) {
            return bits == 0 ? 0 : lo & ((0xFFFF_FFFFL << (32 - bits)) & 0xFFFF_FFFFL);
        }
        int b = bits - 64;
        return b <= 0 ? 0 : b >= 64 ? lo : lo & (-1L << (64 - b));
    }
}
