package io.portcullis.alerts.internal;

/**
 * Events in the last window, counted in {@link #BUCKETS} time buckets of a tenth of the window each.
 *
 * <p>Design note: a ring of bucket counts, the index of the newest bucket, and the running total of the ring.
 * Adding at time {@code t} first advances the ring to {@code t}'s bucket, subtracting and clearing the buckets
 * that slid out (at most {@link #BUCKETS} of them, however long the gap), then adds to {@code t}'s bucket: O(1).
 * An event older than the newest bucket still counts if its bucket is in the window, and is ignored if not. The
 * window is thus approximated to one bucket: an event stops counting between {@code window - bucket} and
 * {@code window} after it happened. Not thread-safe: one alert thread owns every counter.
 */
final class SlidingCounter {

    static final int BUCKETS = 10;

    private final long bucketMillis;
    private final long[] counts = new long[BUCKETS];
    private long newest = Long.MIN_VALUE;
    private long total;

    SlidingCounter(long windowMillis) {
        this.bucketMillis = Math.max(1, windowMillis / BUCKETS);
    }

    /** Adds one event at {@code timeMillis}; returns the count in the window ending at the newest bucket. */
    long add(long timeMillis) {
        long bucket = Math.floorDiv(timeMillis, bucketMillis);
        advance(bucket);
        if (bucket > newest - BUCKETS) {
            counts[Math.floorMod(bucket, BUCKETS)]++;
            total++;
        }
        return total;
    }

    /** The count in the window ending at {@code timeMillis}'s bucket (or the newest, if later). */
    long count(long timeMillis) {
        advance(Math.floorDiv(timeMillis, bucketMillis));
        return total;
    }

    private void advance(long bucket) {
        if (bucket <= newest) {
            return;
        }
        if (newest == Long.MIN_VALUE || bucket - newest >= BUCKETS) {
            java.util.Arrays.fill(counts, 0);
            total = 0;
        } else {
            for (long b = newest + 1; b <= bucket; b++) {
                int i = Math.floorMod(b, BUCKETS);
                total -= counts[i];
                counts[i] = 0;
            }
        }
        newest = bucket;
    }
}
