package io.portcullis.engine.internal;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Maps (VPC, address) to the workload there, read lock-free and without allocation while a single writer applies
 * membership changes in place.
 *
 * <p>Design: an open-addressing table of immutable {@link Slot}s (key fields final) in an
 * {@link AtomicReferenceArray}, so a reader that sees a slot sees its key. Each slot holds its current
 * {@link WorkloadEntry} in a volatile field: moving a workload between groups replaces that one reference, and a
 * reader sees either the old or the new entry, never a mix. Removing sets the entry to null (the slot stays, as a
 * tombstone a later insert of the same key reuses). Inserting publishes a new slot with a volatile write. When the
 * table passes half full the writer builds a doubled copy and publishes it through the volatile {@code table}
 * field. Writers must be serialized by the caller.
 */
public final class WorkloadIndex {

    static final class Slot {
        final int vpc;
        final long hi;
        final long lo;
        volatile WorkloadEntry entry;

        Slot(int vpc, long hi, long lo, WorkloadEntry entry) {
            this.vpc = vpc;
            this.hi = hi;
            this.lo = lo;
            this.entry = entry;
        }
    }

    private volatile AtomicReferenceArray<Slot> table;
    private int used;

    public WorkloadIndex(int expected) {
        table = new AtomicReferenceArray<>(Integer.highestOneBit(Math.max(8, expected * 2)) << 1);
    }

    private static int hash(int vpc, long hi, long lo) {
        return IntObjectMap.mix(vpc * 0x01000193 ^ Long.hashCode(hi * 0x9E3779B97F4A7C15L ^ lo));
    }

    /** The workload at (vpc, address), or null. */
    public WorkloadEntry get(int vpc, long hi, long lo) {
        AtomicReferenceArray<Slot> t = table;
        int mask = t.length() - 1;
        int i = hash(vpc, hi, lo) & mask;
        Slot s;
        while ((s = t.get(i)) != null) {
            if (s.vpc == vpc && s.lo == lo && s.hi == hi) {
                return s.entry;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** Sets (or clears, with null) the workload at (vpc, address). Callers serialize writes. */
    public void put(int vpc, long hi, long lo, WorkloadEntry entry) {
        AtomicReferenceArray<Slot> t = table;
        int mask = t.length() - 1;
        int i = hash(vpc, hi, lo) & mask;
        Slot s;
        while ((s = t.get(i)) != null) {
            if (s.vpc == vpc && s.lo == lo && s.hi == hi) {
                s.entry = entry;
                return;
            }
            i = (i + 1) & mask;
        }
        if (entry == null) {
            return;
        }
        if ((used + 1) * 2 > t.length()) {
            table = grow(t);
            put(vpc, hi, lo, entry);
            return;
        }
        t.set(i, new Slot(vpc, hi, lo, entry));
        used++;
    }

    private AtomicReferenceArray<Slot> grow(AtomicReferenceArray<Slot> old) {
        AtomicReferenceArray<Slot> t = new AtomicReferenceArray<>(old.length() * 2);
        int mask = t.length() - 1;
        used = 0;
        for (int j = 0; j < old.length(); j++) {
            Slot s = old.get(j);
            if (s != null && s.entry != null) {
                int i = hash(s.vpc, s.hi, s.lo) & mask;
                while (t.get(i) != null) {
                    i = (i + 1) & mask;
                }
                // Share the slot so a concurrent entry replacement on the old table is not lost.
                t.set(i, s);
                used++;
            }
        }
        return t;
    }
}
