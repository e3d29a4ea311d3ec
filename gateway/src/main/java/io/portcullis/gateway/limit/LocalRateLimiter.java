package io.portcullis.gateway.limit;

import static java.util.Objects.requireNonNull;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.portcullis.settings.RateLimitSettings;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Token buckets in this node's memory, on Bucket4j's lock-free local buckets.
 *
 * <p>Design: one concurrent map from {@code (scope, limit, key)} to a bucket. A lookup fills the calling
 * thread's reusable key (its hash combines the strings' hashes with the limit's, which the limit holds) and
 * reads the map, so taking a token allocates nothing of ours and, in the steady state, writes to nothing shared
 * but the bucket itself. A refund is Bucket4j's {@code addTokens(1)}, which caps at the capacity, so a bucket
 * that refilled in between is never pushed over its limit.
 *
 * <p>Expiry: a full bucket is indistinguishable from a new one (which starts full), so a sweep removes full
 * buckets and the next request for the key starts a new one; no state is lost, and memory stays in proportion to
 * the keys in use or still refilling. Each bucket carries a use mark (CLOCK's reference bit): a request sets it
 * when it is clear, the sweep clears it, and removes only a full bucket whose mark stayed clear since the sweep
 * last passed, so a busy bucket that refills faster than it is drained is not rebuilt over and over. The sweep
 * resumes where it stopped: every new bucket advances it by {@value #SWEEP_ON_INSERT} entries and about one
 * lookup in {@value #SWEEP_PERIOD} by {@value #SWEEP_ON_READ}, on the calling thread and never concurrently with
 * itself, so churn pays for its own cleanup. As with any cache, a request racing the removal of its bucket may
 * take the token from the removed one: the bucket was full and unused, so at most that one token goes uncounted.
 */
public final class LocalRateLimiter implements RateLimiter {

    static final int SWEEP_ON_INSERT = 4;
    static final int SWEEP_ON_READ = 8;
    static final int SWEEP_PERIOD = 256;

    private final ConcurrentHashMap<BucketKey, Held> buckets = new ConcurrentHashMap<>();
    private final TimeMeter time;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private Iterator<BucketKey> sweepCursor; // guarded by sweeping

    /** A limiter on the system nanosecond clock. */
    public LocalRateLimiter() {
        this(TimeMeter.SYSTEM_NANOTIME);
    }

    /** A limiter on the given time source (tests pass a controllable one). */
    public LocalRateLimiter(TimeMeter time) {
        this.time = requireNonNull(time, "time");
    }

    @Override
    public RateLimitProbe tryConsume(String scope, RateLimitSettings limit, String key) {
        BucketKey lookup = BucketKey.lookup(scope, limit, key);
        Held held = buckets.get(lookup);
        ConsumptionProbe probe;
        if (held != null) {
            probe = held.bucket.tryConsumeAndReturnRemaining(1);
            if ((ThreadLocalRandom.current().nextInt() & (SWEEP_PERIOD - 1)) == 0) {
                sweep(SWEEP_ON_READ);
            }
            held.use();
        } else {
            // The first token is taken before the bucket is published, so no sweep sees it full.
            Held created = new Held(newBucket(limit));
            probe = created.bucket.tryConsumeAndReturnRemaining(1);
            held = buckets.putIfAbsent(lookup.copy(), created);
            if (held != null) {
                probe = held.bucket.tryConsumeAndReturnRemaining(1);
            }
            sweep(SWEEP_ON_INSERT);
            if (held != null) {
                held.use();
            }
        }
        return new RateLimitProbe(probe.isConsumed(), probe.getRemainingTokens(),
                probe.isConsumed() ? 0 : probe.getNanosToWaitForRefill());
    }

    @Override
    public void refund(String scope, RateLimitSettings limit, String key) {
        Held held = buckets.get(BucketKey.lookup(scope, limit, key));
        if (held != null) {
            held.bucket.addTokens(1);
        }
    }

    /** How many buckets are held once the full ones are dropped (for tests and metrics). */
    public long size() {
        buckets.entrySet().removeIf(e -> e.getValue().full(e.getKey().limit));
        return buckets.mappingCount();
    }

    /** The buckets in the map now, full or not (for tests). */
    long held() {
        return buckets.mappingCount();
    }

    private Bucket newBucket(RateLimitSettings limit) {
        return Bucket.builder()
                .addLimit(b -> b.capacity(limit.capacity()).refillGreedy(limit.refillTokens(), limit.refillPeriod()))
                .withCustomTimePrecision(time)
                .build();
    }

    /**
     * Passes the next {@code entries} buckets, up to the end of the map (the next sweep starts over): clears the
     * use mark of a used one and removes a full one that was not used. Does nothing while another thread sweeps.
     */
    private void sweep(int entries) {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            Iterator<BucketKey> cursor = sweepCursor;
            if (cursor == null || !cursor.hasNext()) {
                cursor = buckets.keySet().iterator();
            }
            for (int i = 0; i < entries && cursor.hasNext(); i++) {
                BucketKey key = cursor.next();
                Held held = buckets.get(key);
                if (held == null) {
                    continue;
                }
                if (held.used) {
                    held.used = false;
                } else if (held.full(key.limit) && !held.used) {
                    buckets.remove(key, held);
                }
            }
            sweepCursor = cursor;
        } finally {
            sweeping.set(false);
        }
    }

    /** A bucket and its use mark: set by a request that finds it clear, cleared by the sweep. */
    private static final class Held {
        final Bucket bucket;
        volatile boolean used = true;

        Held(Bucket bucket) {
            this.bucket = bucket;
        }

        /** Marks the bucket used; writes only when the sweep cleared the mark, so the field is mostly read. */
        void use() {
            if (!used) {
                used = true;
            }
        }

        boolean full(RateLimitSettings limit) {
            return bucket.getAvailableTokens() >= limit.capacity();
        }
    }
}
