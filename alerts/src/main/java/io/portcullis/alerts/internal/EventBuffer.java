package io.portcullis.alerts.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Where request threads leave events for the alert thread: striped, bounded, lock-free rings, many producers and
 * one consumer.
 *
 * <p>Design note. {@code stripes} rings (a power of two), a producer picks one by its thread id, so the few
 * Netty event-loop threads rarely share a ring. In a ring, a producer claims position {@code t} with one CAS on
 * the ring's {@code tail} (after checking {@code t - head < capacity}) and then publishes the element with a
 * release store into slot {@code t & mask}. The consumer reads slot {@code head & mask}: null means "claimed
 * but not yet published" (or empty) and ends this drain of the ring, which is resumed on the next drain; a
 * non-null element is taken, the slot cleared, and {@code head} advanced with a volatile store, which is what
 * lets producers reuse the slot. A full ring refuses at once ({@link #offer} returns false and the drop is
 * counted): a request thread never waits. Cost per event: one CAS, one volatile read, one release store; no
 * allocation. Positions are longs and never wrap.
 */
public final class EventBuffer<E> {

    private final Ring<E>[] rings;
    private final int stripeMask;
    private final LongAdder dropped = new LongAdder();

    @SuppressWarnings("unchecked")
    public EventBuffer(int stripes, int capacityPerStripe) {
        if (Integer.bitCount(stripes) != 1) {
            throw new IllegalArgumentException("stripes: " + stripes + " (expected: a power of two)");
        }
        if (Integer.bitCount(capacityPerStripe) != 1) {
            throw new IllegalArgumentException("capacityPerStripe: " + capacityPerStripe + " (expected: a power of two)");
        }
        rings = (Ring<E>[]) new Ring<?>[stripes];
        for (int i = 0; i < stripes; i++) {
            rings[i] = new Ring<>(capacityPerStripe);
        }
        stripeMask = stripes - 1;
    }

    /** Adds {@code e}, or returns false at once when this thread's ring is full. Safe from any thread. */
    public boolean offer(E e) {
        Ring<E> ring = rings[(int) Thread.currentThread().getId() & stripeMask];
        if (ring.offer(e)) {
            return true;
        }
        dropped.increment();
        return false;
    }

    /** Hands every published element to {@code consumer}; returns how many. Only the consumer thread may call this. */
    public int drain(Consumer<? super E> consumer) {
        int n = 0;
        for (Ring<E> ring : rings) {
            n += ring.drain(consumer);
        }
        return n;
    }

    /** Elements ever accepted (claimed), over all rings. */
    public long accepted() {
        long sum = 0;
        for (Ring<E> ring : rings) {
            sum += ring.tail.get();
        }
        return sum;
    }

    /** Elements ever handed to the consumer. */
    public long consumed() {
        long sum = 0;
        for (Ring<E> ring : rings) {
            sum += ring.head;
        }
        return sum;
    }

    public long dropped() {
        return dropped.sum();
    }

    private static final class Ring<E> {
        private final AtomicReferenceArray<E> slots;
        private final int capacity;
        private final int mask;
        private final AtomicLong tail = new AtomicLong();
        private volatile long head;

        Ring(int capacity) {
            this.capacity = capacity;
            this.mask = capacity - 1;
            this.slots = new AtomicReferenceArray<>(capacity);
        }

        boolean offer(E e) {
            while (true) {
                long t = tail.get();
                if (t - head >= capacity) {
                    return false;
                }
                if (tail.compareAndSet(t, t + 1)) {
                    slots.lazySet((int) t & mask, e);
                    return true;
                }
            }
        }

        int drain(Consumer<? super E> consumer) {
            long h = head;
            int n = 0;
            while (true) {
                int slot = (int) h & mask;
                E e = slots.get(slot);
                if (e == null) {
                    return n;
                }
                slots.lazySet(slot, null);
                head = ++h;
                n++;
                consumer.accept(e);
            }
        }
    }
}
