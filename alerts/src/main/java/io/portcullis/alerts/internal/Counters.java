package io.portcullis.alerts.internal;

import java.util.concurrent.atomic.LongAdder;

/**
 * The engine's and the delivery's counters. Engine counters are written by the alert thread only (plain
 * increments of volatile fields are then exact) and read by anyone; delivery counters by the delivery thread,
 * except overflow which any caller of the delivery may bump.
 */
public final class Counters {
    volatile long fired;
    volatile long suppressed;
    volatile long evictedKeys;
    volatile long delivered;
    volatile long deliveryRetries;
    volatile long deliveryFailures;
    final LongAdder deliveryOverflow = new LongAdder();

    public long fired() { return fired; }
    public long suppressed() { return suppressed; }
    public long evictedKeys() { return evictedKeys; }
    public long delivered() { return delivered; }
    public long deliveryRetries() { return deliveryRetries; }
    public long deliveryFailures() { return deliveryFailures; }
    public long deliveryOverflow() { return deliveryOverflow.sum(); }
}
