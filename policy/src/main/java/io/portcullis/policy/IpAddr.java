package io.portcullis.policy;

import inet.ipaddr.IPAddress;

/**
 * An IPv4 or IPv6 address or CIDR block as two longs and a prefix length, so matching is a mask and a compare.
 * IPv4 addresses live in the low 32 bits of {@code lo}; IPv4-mapped IPv6 request addresses are treated as IPv4.
 */
record IpAddr(boolean v6, long hi, long lo, int prefix) {

    /** A request address (no prefix), or null when {@code text} is not a single address. */
    static IpAddr parseAddress(String text) {
        IPAddress a = IpBlocks.address(text);
        if (a == null || a.isPrefixed() || a.getCount().bitLength() > 1) {
            return null;
        }
        if (a.isIPv6() && a.toIPv6().isIPv4Mapped()) {
            a = a.toIPv6().getEmbeddedIPv4Address();
        }
        return of(a, a.getBitCount());
    }

    /** A policy block as {@link IpBlocks#parse} reads it: {@code 192.0.2.0/24}, {@code 2001:db8::/32} or a single address. */
    static IpAddr parseBlock(String text) {
        IPAddress block = IpBlocks.parse(text);
        return of(block.getLower().withoutPrefixLength(), block.getNetworkPrefixLength());
    }

    private static IpAddr of(IPAddress a, int prefix) {
        return of(a.getBytes(), prefix);
    }

    /**
     * A request address from its 4 or 16 bytes, as {@link #parseAddress} would give for its text: an IPv4-mapped
     * IPv6 address is IPv4.
     */
    static IpAddr of(byte[] b) {
        if (b.length == 16 && mapped(b)) {
            return of(java.util.Arrays.copyOfRange(b, 12, 16), 32);
        }
        return of(b, b.length * 8);
    }

    private static boolean mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    private static IpAddr of(byte[] b, int prefix) {
        long hi = 0;
        long lo = 0;
        if (b.length == 4) {
            for (byte x : b) {
                lo = (lo << 8) | (x & 0xff);
            }
            return new IpAddr(false, 0, lo, prefix).masked();
        }
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (b[i] & 0xff);
            lo = (lo << 8) | (b[i + 8] & 0xff);
        }
        return new IpAddr(true, hi, lo, prefix).masked();
    }

    private IpAddr masked() {
        return v6 ? new IpAddr(true, hi & mask(prefix), lo & mask(prefix - 64), prefix)
                : new IpAddr(false, 0, lo & (mask(prefix) >>> 32), prefix);
    }

    /** Whether this block contains {@code address}. */
    boolean contains(IpAddr address) {
        if (address == null || address.v6 != v6) {
            return false;
        }
        if (v6) {
            return (address.hi & mask(prefix)) == hi && (address.lo & mask(prefix - 64)) == lo;
        }
        return (address.lo & (mask(prefix) >>> 32)) == lo;
    }

    /** The top {@code bits} bits of a long set (0 or less: none; 64 or more: all). */
    private static long mask(int bits) {
        if (bits <= 0) {
            return 0L;
        }
        return bits >= 64 ? -1L : -1L << (64 - bits);
    }
}
