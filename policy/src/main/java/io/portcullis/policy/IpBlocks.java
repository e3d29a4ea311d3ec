package io.portcullis.policy;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

/**
 * How a value of an {@code IpAddress} or {@code NotIpAddress} condition is read: a CIDR block
 * ({@code 192.0.2.0/24}, {@code 2001:db8::/32}; host bits are ignored) or a single address, which stands for its
 * own /32 or /128 block as it does in AWS. The evaluator compiles its blocks from here ({@link IpAddr}), and
 * whoever reasons about a policy's ranges without evaluating it (the representatives of runtime's reach) reads
 * them here too, so both see the same ranges and reject the same values.
 */
public final class IpBlocks {

    private IpBlocks() {}

    /**
     * The prefix block {@code text} names (its prefix length always set), or an IllegalArgumentException naming the
     * value and what was expected; the evaluator then refuses to compile the policy, which so denies everything.
     */
    public static IPAddress parse(String text) {
        IPAddress a = address(text);
        if (a == null || !(a.isIPv4() || a.isIPv6())) {
            throw new IllegalArgumentException("'" + text + "' (expected: an IPv4 or IPv6 address or CIDR block, e.g. 192.0.2.0/24)");
        }
        Integer p = a.getNetworkPrefixLength();
        return a.getLower().withoutPrefixLength().toPrefixBlock(p == null ? a.getBitCount() : p);
    }

    /** The parsed address, or null; the library throws unchecked exceptions on some inputs (huge prefix lengths). */
    static IPAddress address(String text) {
        try {
            return new IPAddressString(text.strip()).getAddress();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
