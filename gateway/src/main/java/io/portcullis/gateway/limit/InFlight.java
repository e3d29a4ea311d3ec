package io.portcullis.gateway.limit;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A count of things in flight (requests of one source, upstream connections of one API) that a caller may only
 * add to while it is below a bound. Lock-free: a compare-and-set loop, no allocation; shared by every event loop.
 */
public final class InFlight {

    private final AtomicInteger count = new AtomicInteger();

    /** Counts one more unless {@code max} are already counted; whether it did. */
    public boolean tryAcquire(int max) {
        for (;;) {
            int n = count.get();
            if (n >= max) {
                return false;
            }
            if (count.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Counts one more, whatever the count. */
    public void acquire() {
        count.incrementAndGet();
    }

    /** Counts one less (call once for each successful acquire). */
    public void release() {
        count.decrementAndGet();
    }

    /** How many are counted now. */
    public int current() {
        return count.get();
    }
}
