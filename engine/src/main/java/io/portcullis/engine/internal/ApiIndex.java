package io.portcullis.engine.internal;

import io.portcullis.config.Api;
import io.portcullis.decision.Decision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything needed to decide for one API: the rules of its attached groups (own and inherited) indexed by the
 * group they reference and by CIDR, the VPCs a direct caller can come from, and the pre-built decisions.
 *
 * <p>Design: a decision should touch as few cache lines as possible and no object until a rule admits, so the
 * index is one {@code long[]} ({@code hot}) with sections at fixed offsets:
 * <ol>
 *   <li>{@code [0, ranges4)}: the IPv4 ranges of the API's own and connected VPCs, one long each
 *       ({@code vpc << 40 | prefix length << 32 | network}), in VPC order;</li>
 *   <li>8 words of Bloom filter over the referenced groups, so most of a workload's groups cost no probe;</li>
 *   <li>the group table, open addressing, one long per slot ({@code group << 32 | rule-list offset}, -1 empty);</li>
 *   <li>the CIDR table, {@link AddressSlots} keyed by (family, prefix length, network), value a rule-list
 *       offset;</li>
 *   <li>rule lists {@code [n, e1..en]}, each entry one long: port range, protocol (256 = all), whether ports
 *       apply, whether the rule is timed (expiry or schedule), and the rule's index.</li>
 * </ol>
 * A match returns the rule's index; {@link #allow(int)} is the pre-built decision. Only a timed rule's match reads
 * its {@link CompiledRule}. The prefix lengths present are a bit mask (IPv4) or a short array (IPv6), most specific
 * first, so a CIDR lookup probes once per length present. Immutable after {@link Builder#build()}.
 */
public final class ApiIndex {

    private static final int BLOOM_WORDS = 8;
    private static final long PORTS = 1L << 41;
    private static final long TIMED = 1L << 42;
    private static final int INDEX_SHIFT = 43;
    private static final int MAX_RULES = 1 << (64 - INDEX_SHIFT);

    private final long[] hot;
    private final int ranges4;
    private final int groupMask;
    private final int cidrAt;
    private final int cidrMask;
    private final long v4Lengths;
    private final Decision[] allows;
    private final CompiledRule[] byIndex;
    private final Decision noMatch;
    private final int[] v6Lengths;
    private final long[] ranges6;
    private final Api api;
    private final int vpc;
    private final List<CompiledRule> rules;
    private final List<CompiledRule> stale;

    private ApiIndex(Builder b) {
        api = b.api;
        vpc = b.vpc;
        noMatch = b.noMatch;
        byIndex = b.rules.toArray(new CompiledRule[0]);
        rules = List.of(byIndex);
        stale = List.copyOf(b.stale);
        allows = new Decision[byIndex.length];
        for (int i = 0; i < byIndex.length; i++) {
            allows[i] = byIndex[i].allow();
        }
        ranges4 = b.ranges4.size;
        ranges6 = Arrays.copyOf(b.ranges6.values, b.ranges6.size);
        int groupRefs = b.groupRules.size;
        int cidrRefs = b.cidrRules.size;
        int groupCap = groupCapacity(distinctGroups(b.groupRules));
        int cidrCap = AddressSlots.capacity(distinctCidrs(b.cidrs, cidrRefs));
        groupMask = groupCap - 1;
        cidrAt = groupAt() + groupCap;
        cidrMask = cidrCap - 1;
        int listAt = cidrAt + cidrCap * AddressSlots.STRIDE;
        // Two passes over the (key, rule) pairs and no maps: place each key and count its rules, then lay the
        // lists out and fill them in insertion order (the order decisions must try them in). Tables are sized for
        // the distinct keys (at most half full), so an API's index stays as small as its rules allow.
        long[] h = new long[listAt + 2 * (groupRefs + cidrRefs)];
        System.arraycopy(b.ranges4.values, 0, h, 0, ranges4);
        Arrays.fill(h, groupAt(), cidrAt, -1L);
        int[] groupCount = new int[groupCap];
        int[] groupSlot = new int[groupRefs];
        for (int k = 0; k < groupRefs; k++) {
            int g = (int) b.groupRules.values[k];
            int x = mix(g);
            h[ranges4 + ((x >>> 6) & (BLOOM_WORDS - 1))] |= 1L << x;
            int i = groupSlot(h, groupAt(), groupMask, g);
            h[groupAt() + i] = (long) g << 32;
            groupSlot[k] = i;
            groupCount[i]++;
        }
        int[] cidrCount = new int[cidrCap];
        int[] cidrSlot = new int[cidrRefs];
        long[] c = b.cidrs.values;
        for (int k = 0; k < cidrRefs; k++) {
            int at = AddressSlots.slotFor(h, cidrAt, cidrMask, c[3 * k], c[3 * k + 1], c[3 * k + 2]);
            if (h[at] == 0) {
                AddressSlots.publish(h, at, c[3 * k], c[3 * k + 1], c[3 * k + 2], 0);
            }
            cidrSlot[k] = (at - cidrAt) / AddressSlots.STRIDE;
            cidrCount[cidrSlot[k]]++;
        }
        int at = listAt;
        int[] groupFill = new int[groupCap];
        for (int i = 0; i < groupCap; i++) {
            if (groupCount[i] > 0) {
                h[groupAt() + i] |= at;
                h[at] = groupCount[i];
                groupFill[i] = at + 1;
                at += 1 + groupCount[i];
            }
        }
        int[] cidrFill = new int[cidrCap];
        long lengths4 = 0;
        boolean[] lengths6 = new boolean[129];
        for (int i = 0; i < cidrCap; i++) {
            if (cidrCount[i] > 0) {
                int slot = cidrAt + i * AddressSlots.STRIDE;
                h[slot + 3] = at;
                h[at] = cidrCount[i];
                cidrFill[i] = at + 1;
                at += 1 + cidrCount[i];
                int bits = (int) h[slot] & 0xFF;
                if (h[slot] >>> 8 == 4) {
                    lengths4 |= 1L << bits;
                } else {
                    lengths6[bits] = true;
                }
            }
        }
        for (int k = 0; k < groupRefs; k++) {
            int r = (int) (b.groupRules.values[k] >>> 32);
            h[groupFill[groupSlot[k]]++] = entry(byIndex[r], r);
        }
        for (int k = 0; k < cidrRefs; k++) {
            int r = (int) b.cidrRules.values[k];
            h[cidrFill[cidrSlot[k]]++] = entry(byIndex[r], r);
        }
        hot = at == h.length ? h : Arrays.copyOf(h, at);
        v4Lengths = lengths4;
        int[] sixes = new int[129];
        int n6 = 0;
        for (int bits = 128; bits >= 0; bits--) {
            if (lengths6[bits]) {
                sixes[n6++] = bits;
            }
        }
        v6Lengths = Arrays.copyOf(sixes, n6);
    }

    private int groupAt() {
        return ranges4 + BLOOM_WORDS;
    }

    private static int groupCapacity(int groups) {
        return Integer.highestOneBit(Math.max(2, groups) * 2 - 1) << 1;
    }

    /** The slot of group {@code g} in the table at {@code h[table..]}, or of the empty slot where it belongs. */
    private static int groupSlot(long[] h, int table, int mask, int g) {
        int i = Integer.rotateRight(mix(g), 9) & mask;
        long s;
        while ((s = h[table + i]) != -1L && (int) (s >>> 32) != g) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static int distinctGroups(Longs groupRules) {
        int cap = groupCapacity(groupRules.size);
        long[] t = new long[cap];
        Arrays.fill(t, -1L);
        int n = 0;
        for (int k = 0; k < groupRules.size; k++) {
            int g = (int) groupRules.values[k];
            int i = groupSlot(t, 0, cap - 1, g);
            if (t[i] == -1L) {
                t[i] = (long) g << 32;
                n++;
            }
        }
        return n;
    }

    private static int distinctCidrs(Longs cidrs, int refs) {
        int cap = AddressSlots.capacity(refs);
        long[] t = new long[cap * AddressSlots.STRIDE];
        int n = 0;
        long[] c = cidrs.values;
        for (int k = 0; k < refs; k++) {
            int at = AddressSlots.slotFor(t, 0, cap - 1, c[3 * k], c[3 * k + 1], c[3 * k + 2]);
            if (t[at] == 0) {
                AddressSlots.publish(t, at, c[3 * k], c[3 * k + 1], c[3 * k + 2], 0);
                n++;
            }
        }
        return n;
    }

    private static long entry(CompiledRule r, int index) {
        int p = r.protocol();
        if (p < -1 || p > 255) {
            throw new IllegalArgumentException("protocol: " + p + " (expected: -1 for all, or 0..255)");
        }
        boolean ports = p == 6 || p == 17;
        if (ports && (r.portFrom() < 0 || r.portFrom() > r.portTo() || r.portTo() > 0xFFFF)) {
            throw new IllegalArgumentException("ports: " + r.portFrom() + "-" + r.portTo() + " (expected: a range within 0..65535)");
        }
        boolean timed = r.expiresAtMillis() != Long.MAX_VALUE || r.schedule() != null;
        return (long) index << INDEX_SHIFT | (timed ? TIMED : 0) | (ports ? PORTS : 0) | (long) (p < 0 ? 256 : p) << 32
                | (ports ? (long) r.portFrom() << 16 | r.portTo() : 0);
    }

    private static int mix(int g) {
        int h = g * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** The index of the first rule of the list at {@code at} admitting the traffic at {@code now}, or -1. */
    private int matchList(int at, int proto, int port, long now) {
        long[] h = hot;
        for (int k = at + 1, end = k + (int) h[at]; k < end; k++) {
            long e = h[k];
            int p = (int) (e >>> 32) & 0x1FF;
            if ((p == 256 || p == proto)
                    && ((e & PORTS) == 0 || (port >= (int) e >>> 16 && port <= ((int) e & 0xFFFF)))
                    && ((e & TIMED) == 0 || byIndex[(int) (e >>> INDEX_SHIFT)].inForceAt(now))) {
                return (int) (e >>> INDEX_SHIFT);
            }
        }
        return -1;
    }

    /** The VPC among the API's own and connected VPCs whose address space holds the address, or -1. */
    public int resolveVpc(int family, long hi, long lo) {
        if (family == 4) {
            long[] h = hot;
            for (int i = 0, n = ranges4; i < n; i++) {
                long r = h[i];
                if (Addr.maskLo(lo, (int) (r >>> 32) & 0x3F, 32) == (r & 0xFFFF_FFFFL)) {
                    return (int) (r >>> 40);
                }
            }
            return -1;
        }
        long[] r = ranges6;
        for (int i = 0; i < r.length; i += 4) {
            int bits = (int) r[i];
            if (Addr.maskHi(hi, bits, 128) == r[i + 1] && Addr.maskLo(lo, bits, 128) == r[i + 2]) {
                return (int) r[i + 3];
            }
        }
        return -1;
    }

    /**
     * The index of the first rule admitting a member of any of {@code groups[from..to)} (sorted group indexes),
     * or -1: for each group, a Bloom test, then one probe and its rule list.
     */
    public int matchGroups(int[] groups, int from, int to, int proto, int port, long now) {
        long[] h = hot;
        int bloom = ranges4;
        int table = bloom + BLOOM_WORDS;
        for (int k = from; k < to; k++) {
            int g = groups[k];
            int x = mix(g);
            if ((h[bloom + ((x >>> 6) & (BLOOM_WORDS - 1))] & (1L << x)) == 0) {
                continue;
            }
            long s = h[table + groupSlot(h, table, groupMask, g)];
            if (s != -1L) {
                int r = matchList((int) s, proto, port, now);
                if (r >= 0) {
                    return r;
                }
            }
        }
        return -1;
    }

    /** The index of the first rule admitting the address by CIDR, most specific prefix first, or -1. */
    public int matchCidr(int family, long hi, long lo, int proto, int port, long now) {
        if (family == 4) {
            for (long left = v4Lengths; left != 0; ) {
                int bits = 63 - Long.numberOfLeadingZeros(left);
                left &= ~(1L << bits);
                int r = matchPrefix(4 << 8 | bits, 0, Addr.maskLo(lo, bits, 32), proto, port, now);
                if (r >= 0) {
                    return r;
                }
            }
            return -1;
        }
        for (int bits : v6Lengths) {
            int r = matchPrefix(6 << 8 | bits, Addr.maskHi(hi, bits, 128), Addr.maskLo(lo, bits, 128), proto, port, now);
            if (r >= 0) {
                return r;
            }
        }
        return -1;
    }

    private int matchPrefix(long tag, long hi, long lo, int proto, int port, long now) {
        int at = AddressSlots.find(hot, cidrAt, cidrMask, tag, hi, lo);
        return at < 0 ? -1 : matchList((int) hot[at + 3], proto, port, now);
    }

    /** The pre-built allowing decision of rule {@code index}. */
    public Decision allow(int index) {
        return allows[index];
    }

    /** The first rule admitting a member of any of {@code groups} (sorted), or null; for explanations. */
    public CompiledRule findForGroups(int[] groups, int proto, int port, long now) {
        int r = matchGroups(groups, 0, groups.length, proto, port, now);
        return r < 0 ? null : byIndex[r];
    }

    /** The first rule admitting the address by CIDR, or null; for explanations. */
    public CompiledRule findCidr(int family, long hi, long lo, int proto, int port, long now) {
        int r = matchCidr(family, hi, lo, proto, port, now);
        return r < 0 ? null : byIndex[r];
    }

    public Api api() {
        return api;
    }

    public int vpc() {
        return vpc;
    }

    /** Every compiled rule, in configuration order (a rule's index is its position), for explanations. */
    public List<CompiledRule> rules() {
        return rules;
    }

    /** Rules whose group reference crosses unconnected VPCs and therefore match nothing. */
    public List<CompiledRule> stale() {
        return stale;
    }

    public Decision noMatch() {
        return noMatch;
    }

    /** Collects an API's rules and ranges in configuration order, then lays out the immutable index. */
    public static final class Builder {
        private final Api api;
        private final int vpc;
        private final Decision noMatch;
        private final List<CompiledRule> rules = new ArrayList<>();
        private final List<CompiledRule> stale = new ArrayList<>();
        /** {@code rule << 32 | group} per group reference, in order. */
        private final Longs groupRules = new Longs();
        /** The rule of each CIDR reference, in order; {@link #cidrs} holds its (tag, hi, lo). */
        private final Longs cidrRules = new Longs();
        private final Longs cidrs = new Longs();
        private final Longs ranges4 = new Longs();
        private final Longs ranges6 = new Longs();

        public Builder(Api api, int vpc, Decision noMatch) {
            this.api = api;
            this.vpc = vpc;
            this.noMatch = noMatch;
        }

        /** Adds a rule; returns its index, for {@link #group} and {@link #cidr}. */
        public int rule(CompiledRule r) {
            if (rules.size() == MAX_RULES) {
                throw new IllegalArgumentException("API '" + api.name() + "': more than " + MAX_RULES + " rules (expected: fewer)");
            }
            rules.add(r);
            return rules.size() - 1;
        }

        /** Rule {@code index} admits members of group {@code target}. */
        public void group(int target, int index) {
            groupRules.add((long) index << 32 | target);
        }

        /** Rule {@code index} references a group across unconnected VPCs: it matches nothing. */
        public void stale(int index) {
            stale.add(rules.get(index));
        }

        /** Rule {@code index} admits addresses in the prefix (host bits are ignored). */
        public void cidr(Addr.Prefix p, int index) {
            int width = p.family() == 4 ? 32 : 128;
            cidrs.add((long) p.family() << 8 | p.bits());
            cidrs.add(Addr.maskHi(p.hi(), p.bits(), width));
            cidrs.add(Addr.maskLo(p.lo(), p.bits(), width));
            cidrRules.add(index);
        }

        /** Callers may come from VPC {@code v}, whose address space includes the prefix; add in VPC order. */
        public void vpcRange(int v, Addr.Prefix p) {
            if (p.family() == 4) {
                if (v >= 1 << 23) {
                    throw new IllegalArgumentException("VPC index: " + v + " (expected: < " + (1 << 23) + ")");
                }
                ranges4.add((long) v << 40 | (long) p.bits() << 32 | Addr.maskLo(p.lo(), p.bits(), 32));
            } else {
                ranges6.add(p.bits());
                ranges6.add(Addr.maskHi(p.hi(), p.bits(), 128));
                ranges6.add(Addr.maskLo(p.lo(), p.bits(), 128));
                ranges6.add(v);
            }
        }

        public ApiIndex build() {
            return new ApiIndex(this);
        }
    }

    /** A growable list of longs. */
    private static final class Longs {
        long[] values = new long[8];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }
}
