package io.portcullis.engine.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Open addressing keyed by an address, laid out in a {@code long[]} so a lookup reads one or two cache lines and
 * no object: each slot is four longs {@code [tag, hi, lo, value]} at {@code base + 4 * i}, for {@code i} in a
 * power-of-two range; tag 0 marks an empty slot. The tag is the caller's (family, prefix length) or (VPC,
 * family), never 0; the value is the caller's (an offset, or -1 for "nothing here now").
 *
 * <p>The tag and value are read with acquire semantics and written with release (tag) or volatile (value)
 * semantics, so a table that one writer mutates under lock-free readers ({@link WorkloadIndex}) is read
 * correctly; immutable tables ({@link ApiIndex}) pay nothing for it on x86 and AArch64 beyond ordering.
 */
final class AddressSlots {

    static final int STRIDE = 4;
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    private AddressSlots() {}

    /** A slot count (power of two) for {@code entries} keys at most half full. */
    static int capacity(int entries) {
        return Integer.highestOneBit(Math.max(2, entries) * 2 - 1) << 1;
    }

    static int hash(long tag, long hi, long lo) {
        long h = (tag * 0x9E3779B97F4A7C15L) ^ (hi * 0xC2B2AE3D27D4EB4FL) ^ lo;
        h *= 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29));
    }

    /** The array index of the slot holding the key, or -1. {@code mask} is the slot count minus one. */
    static int find(long[] t, int base, int mask, long tag, long hi, long lo) {
        int i = hash(tag, hi, lo) & mask;
        long k;
        while ((k = (long) LONGS.getAcquire(t, base + i * STRIDE)) != 0) {
            int at = base + i * STRIDE;
            if (k == tag && t[at + 1] == hi && t[at + 2] == lo) {
                return at;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    /** The array index of the slot holding the key, or of the empty slot where it belongs (its tag is 0). */
    static int slotFor(long[] t, int base, int mask, long tag, long hi, long lo) {
        int i = hash(tag, hi, lo) & mask;
        long k;
        while ((k = t[base + i * STRIDE]) != 0) {
            int at = base + i * STRIDE;
            if (k == tag && t[at + 1] == hi && t[at + 2] == lo) {
                return at;
            }
            i = (i + 1) & mask;
        }
        return base + i * STRIDE;
    }

    /** Fills the empty slot {@code at} and publishes it: readers that see the tag see the rest. */
    static void publish(long[] t, int at, long tag, long hi, long lo, long value) {
        t[at + 1] = hi;
        t[at + 2] = lo;
        t[at + 3] = value;
        LONGS.setRelease(t, at, tag);
    }

    static long value(long[] t, int at) {
        return (long) LONGS.getAcquire(t, at + 3);
    }

    static void setValue(long[] t, int at, long value) {
        LONGS.setVolatile(t, at + 3, value);
    }
}
