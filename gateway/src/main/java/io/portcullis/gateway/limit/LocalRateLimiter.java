package io.portcullis.gateway.limit;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.portcullis.gateway.settings.RateLimitSettings;

/**
 * Token buckets in this node's memory, on Bucket4j's lock-free local buckets.
 *
 * <p>Design: a Caffeine cache from {@code (scope, limit, key)} to a bucket. An entry expires after it has been
 * unused for as long as its bucket takes to refill completely: by then a new bucket (which starts full) is
 * indistinguishable from the old one, so expiry loses no state while keeping memory bounded by the active keys.
 * A request costs one cache lookup (a small key record allocated) and one CAS-based consume per limit. A refund
 * is Bucket4j's {@code addTokens(1)}, which caps at the capacity: if the bucket refilled in between, the refund
 * cannot push it over its limit.
 */
public final class LocalRateLimiter implements RateLimiter {

    private record BucketKey(String scope, RateLimitSettings limit, String key) {}

    private static final long ONE_SECOND = 1_000_000_000L;

    private final Cache<BucketKey, Bucket> buckets;
    private final TimeMeter time;

    /** A limiter on the system nanosecond clock. */
    public LocalRateLimiter() {
        this(TimeMeter.SYSTEM_NANOTIME);
    }

    /** A limiter on the given time source (tests pass a controllable one). */
    public LocalRateLimiter(TimeMeter time) {
        this.time = requireNonNull(time, "time");
        // Maintenance (expiry) runs on the calling event loop, amortized, instead of a hand-off to the common pool.
        this.buckets = Caffeine.newBuilder().executor(Runnable::run).expireAfter(new Expiry<BucketKey, Bucket>() {
            @Override
            public long expireAfterCreate(BucketKey key, Bucket value, long currentTime) {
                return timeToFull(key.limit());
            }

            @Override
            public long expireAfterUpdate(BucketKey key, Bucket value, long currentTime, long currentDuration) {
                return timeToFull(key.limit());
            }

            @Override
            public long expireAfterRead(BucketKey key, Bucket value, long currentTime, long currentDuration) {
                return timeToFull(key.limit());
            }
        }).build();
    }

    @Override
    public RateLimitProbe tryConsume(String scope, RateLimitSettings limit, String key) {
        Bucket bucket = buckets.get(new BucketKey(scope, limit, key), this::newBucket);
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return new RateLimitProbe(probe.isConsumed(), probe.getRemainingTokens(),
                probe.isConsumed() ? 0 : probe.getNanosToWaitForRefill());
    }

    @Override
    public void refund(String scope, RateLimitSettings limit, String key) {
        Bucket bucket = buckets.getIfPresent(new BucketKey(scope, limit, key));
        if (bucket != null) {
            bucket.addTokens(1);
        }
    }

    /** How many buckets are held (for tests and metrics). */
    public long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket newBucket(BucketKey key) {
        RateLimitSettings limit = key.limit();
        return Bucket.builder()
                .addLimit(b -> b.capacity(limit.capacity()).refillGreedy(limit.refillTokens(), limit.refillPeriod()))
                .withCustomTimePrecision(time)
                .build();
    }

    /** Nanoseconds for an empty bucket to refill completely, plus a second; computed on every access, so no objects. */
    private static long timeToFull(RateLimitSettings limit) {
        long periods = (limit.capacity() + limit.refillTokens() - 1) / limit.refillTokens();
        long period = limit.refillPeriod().toNanos();
        long full = periods > (Long.MAX_VALUE - ONE_SECOND) / period ? Long.MAX_VALUE - ONE_SECOND : periods * period;
        return full + ONE_SECOND;
    }
}
