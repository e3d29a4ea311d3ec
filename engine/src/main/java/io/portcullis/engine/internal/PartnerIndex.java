package io.portcullis.engine.internal;

import io.portcullis.config.Partner;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps an address to the partner whose range holds it ({@code partners[]}): the caller resolution for addresses
 * outside every VPC, read without allocation.
 *
 * <p>Design: the configuration refuses overlapping partner ranges, so at most one range holds an address and the
 * first prefix length that finds one is the answer. The ranges are one {@link AddressSlots} table keyed by
 * (family, prefix length, network) whose value is the partner's index; the IPv4 prefix lengths present are a bit
 * mask and the IPv6 ones a short array, so a lookup probes once per length present, and not at all when there are
 * no partners. Each partner's effective groups (its groups' upward closures, united) are a run {@code [n, g1..gn]}
 * of {@link #pool()}, the layout {@link WorkloadIndex} uses, so the API index matches them the same way. Immutable;
 * a configuration change builds a new index.
 */
public final class PartnerIndex {

    /** A partner as the engine knows it; {@code groupSet} is the offset of its effective groups in the pool. */
    public record Entry(Partner partner, int[] effectiveGroups, List<String> effectiveGroupKeys, int groupSet) {
        public String id() {
            return partner.id();
        }
    }

    private final long[] slots;
    private final int mask;
    private final long v4Lengths;
    private final int[] v6Lengths;
    private final int[] pool;
    private final Entry[] entries;
    private final Map<String, Entry> byId;

    private PartnerIndex(long[] slots, long v4Lengths, int[] v6Lengths, int[] pool, Entry[] entries) {
        this.slots = slots;
        this.mask = slots.length / AddressSlots.STRIDE - 1;
        this.v4Lengths = v4Lengths;
        this.v6Lengths = v6Lengths;
        this.pool = pool;
        this.entries = entries;
        Map<String, Entry> ids = new HashMap<>();
        for (Entry e : entries) {
            ids.put(e.id(), e);
        }
        this.byId = Map.copyOf(ids);
    }

    /**
     * The index of {@code partners}, each with its effective groups (sorted, distinct group indexes) and their
     * names. The ranges must be disjoint, as the configuration guarantees.
     */
    static PartnerIndex of(List<Partner> partners, List<int[]> effectiveGroups, List<List<String>> keys) {
        int ranges = partners.stream().mapToInt(p -> p.cidrs().size()).sum();
        long[] slots = new long[AddressSlots.capacity(ranges) * AddressSlots.STRIDE];
        int tableMask = slots.length / AddressSlots.STRIDE - 1;
        long lengths4 = 0;
        boolean[] lengths6 = new boolean[129];
        int[] pool = new int[effectiveGroups.stream().mapToInt(g -> g.length + 1).sum()];
        Entry[] entries = new Entry[partners.size()];
        int used = 0;
        for (int i = 0; i < entries.length; i++) {
            int[] groups = effectiveGroups.get(i);
            pool[used] = groups.length;
            System.arraycopy(groups, 0, pool, used + 1, groups.length);
            entries[i] = new Entry(partners.get(i), groups, List.copyOf(keys.get(i)), used);
            used += groups.length + 1;
            for (String cidr : partners.get(i).cidrs()) {
                Addr.Prefix p = Compiler.prefix(cidr);
                int width = p.family() == 4 ? 32 : 128;
                long tag = tag(p.family(), p.bits());
                long hi = Addr.maskHi(p.hi(), p.bits(), width);
                long lo = Addr.maskLo(p.lo(), p.bits(), width);
                int at = AddressSlots.slotFor(slots, 0, tableMask, tag, hi, lo);
                if (slots[at] != 0) {
                    throw new IllegalArgumentException("partner '" + partners.get(i).id() + "': " + cidr
                            + " is another partner's range too (expected: disjoint ranges, as the configuration checks)");
                }
                AddressSlots.publish(slots, at, tag, hi, lo, i);
                if (p.family() == 4) {
                    lengths4 |= 1L << p.bits();
                } else {
                    lengths6[p.bits()] = true;
                }
            }
        }
        int[] sixes = new int[129];
        int n6 = 0;
        for (int bits = 128; bits >= 0; bits--) {
            if (lengths6[bits]) {
                sixes[n6++] = bits;
            }
        }
        return new PartnerIndex(slots, lengths4, Arrays.copyOf(sixes, n6), pool, entries);
    }

    private static long tag(int family, int bits) {
        return (long) family << 8 | bits;
    }

    /** The index of the partner whose range holds the address, or -1. */
    public int find(int family, long hi, long lo) {
        if (family == 4) {
            for (long left = v4Lengths; left != 0; left &= left - 1) {
                int bits = Long.numberOfTrailingZeros(left);
                int at = AddressSlots.find(slots, 0, mask, tag(4, bits), 0, Addr.maskLo(lo, bits, 32));
                if (at >= 0) {
                    return (int) slots[at + 3];
                }
            }
            return -1;
        }
        for (int bits : v6Lengths) {
            int at = AddressSlots.find(slots, 0, mask, tag(6, bits), Addr.maskHi(hi, bits, 128), Addr.maskLo(lo, bits, 128));
            if (at >= 0) {
                return (int) slots[at + 3];
            }
        }
        return -1;
    }

    /** The pool offset of the effective groups of the partner whose range holds the address, or -1. */
    public int groupSetAt(int family, long hi, long lo) {
        int p = find(family, hi, lo);
        return p < 0 ? -1 : entries[p].groupSet();
    }

    /** Group sets as runs {@code [n, g1..gn]}; offsets from {@link #groupSetAt}. */
    public int[] pool() {
        return pool;
    }

    /** The partner whose range holds the address, or null. */
    public Entry at(int family, long hi, long lo) {
        int p = find(family, hi, lo);
        return p < 0 ? null : entries[p];
    }

    /** The partner with this id, or null. */
    public Entry byId(String id) {
        return byId.get(id);
    }

    /** Every partner, in configuration order. */
    public List<Entry> all() {
        return List.of(entries);
    }
}
