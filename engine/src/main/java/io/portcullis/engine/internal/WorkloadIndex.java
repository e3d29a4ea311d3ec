package io.portcullis.engine.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Maps (VPC, address) to the workload there, read lock-free and without allocation while a single writer applies
 * membership changes in place.
 *
 * <p>Design: the decision needs only the workload's effective groups, so that is all the hot table holds. Keys
 * and values live in one {@code long[]} ({@link AddressSlots}: tag = VPC and family, hi/lo = address, value =
 * the offset of the workload's group set in {@link #pool()}), so a lookup is one open-addressing probe touching
 * one or two cache lines, and the groups one more. Group sets are interned: workloads with the same effective
 * groups share one run {@code [n, g1..gn]} of the pool. The {@link WorkloadEntry} (names, for {@code Source} and
 * explanations) sits in a parallel array off the hot path.
 *
 * <p>Concurrency: a move writes the entry, then the slot's value (volatile); a reader reads the value (acquire),
 * then {@link #pool()}, so it sees either the old or the new group set, never a mix. A new group set is appended
 * to the pool before any slot names it; when the pool is full the writer publishes a larger copy first (old
 * offsets stay valid in every copy). Removing sets the value to -1 (a tombstone a later insert of the same key
 * reuses). When the table passes half full the writer builds a doubled copy and publishes it through the
 * volatile {@code table} field. Writers must be serialized by the caller.
 */
public final class WorkloadIndex {

    private static final VarHandle ENTRIES = MethodHandles.arrayElementVarHandle(WorkloadEntry[].class);

    /** The slots and their entries, swapped together when the table grows. */
    private static final class Table {
        final long[] slots;
        final WorkloadEntry[] entries;
        final int mask;

        Table(int capacity) {
            slots = new long[capacity * AddressSlots.STRIDE];
            entries = new WorkloadEntry[capacity];
            mask = capacity - 1;
        }
    }

    /** A group set interned in the pool: its offset, and the arrays entries share. */
    public record GroupSet(int offset, int[] groups, List<String> keys) {}

    private volatile Table table;
    private volatile int[] pool;
    private int poolSize;
    private int used;
    private final Map<IntArray, GroupSet> sets = new HashMap<>();
    private GroupSet[] byClosure = new GroupSet[0];

    public WorkloadIndex(int expected) {
        table = new Table(AddressSlots.capacity(expected));
        pool = new int[Math.max(64, expected)];
    }

    /** The slot tag of (vpc, family): never 0. */
    private static long tag(int vpc, int family) {
        return ((long) vpc + 1) << 8 | family;
    }

    /**
     * The pool offset of the effective groups of the workload at (vpc, address), or -1; read {@link #pool()}
     * after this call, not before.
     */
    public int groupSetAt(int vpc, int family, long hi, long lo) {
        long[] t = table.slots;
        int at = AddressSlots.find(t, 0, (t.length / AddressSlots.STRIDE) - 1, tag(vpc, family), hi, lo);
        return at < 0 ? -1 : (int) AddressSlots.value(t, at);
    }

    /** Group sets as runs {@code [n, g1..gn]} (sorted group indexes); offsets from {@link #groupSetAt}. */
    public int[] pool() {
        return pool;
    }

    /** The workload at (vpc, address), or null. */
    public WorkloadEntry get(int vpc, int family, long hi, long lo) {
        Table t = table;
        int at = AddressSlots.find(t.slots, 0, t.mask, tag(vpc, family), hi, lo);
        return at < 0 ? null : (WorkloadEntry) ENTRIES.getAcquire(t.entries, at / AddressSlots.STRIDE);
    }

    /**
     * The interned group set for sorted, distinct group indexes (writer side); {@code keyOf} names a group for
     * the set's key list. The caller must not modify {@code groups} afterwards.
     */
    public GroupSet groupSet(int[] groups, IntFunction<String> keyOf) {
        IntArray key = new IntArray(groups);
        GroupSet s = sets.get(key);
        if (s != null) {
            return s;
        }
        int[] p = pool;
        if (poolSize + groups.length + 1 > p.length) {
            p = Arrays.copyOf(p, Math.max(p.length * 2, poolSize + groups.length + 1));
            pool = p; // published before any slot names an offset beyond the old copy
        }
        int offset = poolSize;
        p[poolSize++] = groups.length;
        System.arraycopy(groups, 0, p, poolSize, groups.length);
        poolSize += groups.length;
        String[] keys = new String[groups.length];
        for (int i = 0; i < groups.length; i++) {
            keys[i] = keyOf.apply(groups[i]);
        }
        s = new GroupSet(offset, groups, List.of(keys));
        sets.put(key, s);
        return s;
    }

    /**
     * The group set of a workload in the single group {@code g}, whose effective groups are {@code closure}:
     * {@link #groupSet}, remembered by group index so most workloads skip hashing their groups.
     */
    public GroupSet closureSet(int g, int[] closure, IntFunction<String> keyOf) {
        if (g >= byClosure.length) {
            byClosure = Arrays.copyOf(byClosure, Math.max(g + 1, byClosure.length * 2));
        }
        GroupSet s = byClosure[g];
        if (s == null) {
            s = groupSet(closure, keyOf);
            byClosure[g] = s;
        }
        return s;
    }

    /** Sets (or clears, with null) the workload at (vpc, address). Callers serialize writes. */
    public void put(int vpc, int family, long hi, long lo, WorkloadEntry entry) {
        Table t = table;
        long tag = tag(vpc, family);
        int at = AddressSlots.slotFor(t.slots, 0, t.mask, tag, hi, lo);
        int value = entry == null ? -1 : entry.groupSet();
        if (t.slots[at] != 0) {
            ENTRIES.setVolatile(t.entries, at / AddressSlots.STRIDE, entry);
            AddressSlots.setValue(t.slots, at, value);
            return;
        }
        if (entry == null) {
            return;
        }
        if ((used + 1) * 2 > t.entries.length) {
            table = grow(t);
            put(vpc, family, hi, lo, entry);
            return;
        }
        ENTRIES.setVolatile(t.entries, at / AddressSlots.STRIDE, entry);
        AddressSlots.publish(t.slots, at, tag, hi, lo, value);
        used++;
    }

    private Table grow(Table old) {
        Table t = new Table(old.entries.length * 2);
        used = 0;
        long[] s = old.slots;
        for (int at = 0; at < s.length; at += AddressSlots.STRIDE) {
            WorkloadEntry e = old.entries[at / AddressSlots.STRIDE];
            if (s[at] != 0 && e != null) {
                int to = AddressSlots.slotFor(t.slots, 0, t.mask, s[at], s[at + 1], s[at + 2]);
                t.entries[to / AddressSlots.STRIDE] = e;
                AddressSlots.publish(t.slots, to, s[at], s[at + 1], s[at + 2], s[at + 3]);
                used++;
            }
        }
        return t;
    }

    /** An int[] with value equality, for interning group sets. */
    private record IntArray(int[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof IntArray a && Arrays.equals(values, a.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return Arrays.toString(values);
        }
    }
}
