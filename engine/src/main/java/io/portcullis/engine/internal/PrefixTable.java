package io.portcullis.engine.internal;

import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Rules keyed by CIDR, answering "which rules cover this address?" without allocating.
 *
 * <p>Design: one open-addressing table keyed by (family, prefix length, masked address); a lookup probes once per
 * prefix length actually present in the table (typically a handful), most specific first. Built once per API;
 * immutable afterwards. IPAddress does the parsing; this layout exists only so the accept path does not allocate.
 */
public final class PrefixTable {

    private final int[] v4Lengths;
    private final int[] v6Lengths;
    private final int[] tags;
    private final long[] his;
    private final long[] los;
    private final CompiledRule[][] values;
    private final int mask;

    private PrefixTable(List<Entry> entries) {
        int cap = Integer.highestOneBit(Math.max(4, entries.size() * 2)) << 1;
        tags = new int[cap];
        his = new long[cap];
        los = new long[cap];
        values = new CompiledRule[cap][];
        mask = cap - 1;
        TreeSet<Integer> l4 = new TreeSet<>();
        TreeSet<Integer> l6 = new TreeSet<>();
        for (Entry e : entries) {
            (e.family == 4 ? l4 : l6).add(e.bits);
            int tag = tag(e.family, e.bits);
            int i = slot(tag, e.hi, e.lo);
            if (values[i] == null) {
                tags[i] = tag;
                his[i] = e.hi;
                los[i] = e.lo;
                values[i] = new CompiledRule[] {e.rule};
            } else {
                CompiledRule[] old = values[i];
                values[i] = Arrays.copyOf(old, old.length + 1);
                values[i][old.length] = e.rule;
            }
        }
        v4Lengths = l4.descendingSet().stream().mapToInt(Integer::intValue).toArray();
        v6Lengths = l6.descendingSet().stream().mapToInt(Integer::intValue).toArray();
    }

    private static int tag(int family, int bits) {
        return (family << 8) | bits;
    }

    private int slot(int tag, long hi, long lo) {
        int i = IntObjectMap.mix(tag ^ Long.hashCode(hi * 31 + lo)) & mask;
        while (values[i] != null && !(tags[i] == tag && his[i] == hi && los[i] == lo)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** Visits the rule lists covering the address, most specific prefix first; stops when the visitor says so. */
    public CompiledRule find(int family, long hi, long lo, int proto, int port, long nowMillis) {
        int[] lengths = family == 4 ? v4Lengths : v6Lengths;
        int width = family == 4 ? 32 : 128;
        for (int bits : lengths) {
            CompiledRule[] rules = values[slot(tag(family, bits), Addr.maskHi(hi, bits, width), Addr.maskLo(lo, bits, width))];
            if (rules != null) {
                for (CompiledRule r : rules) {
                    if (r.matchesTraffic(proto, port) && r.inForceAt(nowMillis)) {
                        return r;
                    }
                }
            }
        }
        return null;
    }

    public boolean isEmpty() {
        return v4Lengths.length == 0 && v6Lengths.length == 0;
    }

    /** Collects entries, then builds the immutable table. */
    public static final class Builder {
        private final List<Entry> entries = new ArrayList<>();

        public Builder add(IPAddress cidr, CompiledRule rule) {
            long[] h = Addr.halves(cidr.getLower());
            int family = cidr.isIPv4() ? 4 : 6;
            int bits = cidr.getNetworkPrefixLength();
            int width = family == 4 ? 32 : 128;
            entries.add(new Entry(family, bits, Addr.maskHi(h[0], bits, width), Addr.maskLo(h[1], bits, width), rule));
            return this;
        }

        public PrefixTable build() {
            return new PrefixTable(entries);
        }
    }

    private record Entry(int family, int bits, long hi, long lo, CompiledRule rule) {}
}
