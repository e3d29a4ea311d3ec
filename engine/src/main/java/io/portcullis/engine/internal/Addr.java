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
