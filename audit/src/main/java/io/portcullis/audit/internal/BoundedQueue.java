package io.portcullis.audit.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded lock-free multi-producer, single-consumer queue (D. Vyukov's bounded queue with per-slot sequence
 * numbers).
 *
 * <p>Design note: a power-of-two ring of slots, each with a sequence number saying whose turn the slot is.
 * Producers claim a position with one CAS on {@code tail} and publish the element with a release store of the
 * slot's sequence; {@link #offer} never blocks and fails at once when the ring is full. The single consumer reads
 * slots in order and hands each back with the sequence of the next lap. No locks, no allocation per element.
 */
final class BoundedQueue<E> {

    private final int mask;
    private final int capacity;
    private final AtomicReferenceArray<E> items;
    private final AtomicLongArray sequences;
    private final AtomicLong tail = new AtomicLong();
    private volatile long head;

    BoundedQueue(int requested) {
        int cap = Integer.highestOneBit(Math.max(2, requested - 1)) << 1;
        this.capacity = cap;
        this.mask = cap - 1;
        this.items = new AtomicReferenceArray<>(cap);
        this.sequences = new AtomicLongArray(cap);
        for (int i = 0; i < cap; i++) {
            sequences.set(i, i);
        }
    }

    int capacity() {
        return capacity;
    }

    /** Adds {@code e}, or returns false at once when full. Safe from any thread. */
    boolean offer(E e) {
        long pos = tail.get();
        while (true) {
            int slot = (int) pos & mask;
            long diff = sequences.get(slot) - pos;
            if (diff == 0) {
                if (tail.compareAndSet(pos, pos + 1)) {
                    items.lazySet(slot, e);
                    sequences.lazySet(slot, pos + 1);
                    return true;
                }
                pos = tail.get();
            } else if (diff < 0) {
                return false;
            } else {
                pos = tail.get();
            }
        }
    }

    /** The next element, or null when empty. Only the consumer thread may call this. */
    E poll() {
        long pos = head;
        int slot = (int) pos & mask;
        if (sequences.get(slot) != pos + 1) {
            return null;
        }
        E e = items.get(slot);
        items.lazySet(slot, null);
        sequences.lazySet(slot, pos + capacity);
        head = pos + 1;
        return e;
    }

    /** Elements waiting, approximately when producers are active. */
    int size() {
        return (int) Math.max(0, tail.get() - head);
    }
}
