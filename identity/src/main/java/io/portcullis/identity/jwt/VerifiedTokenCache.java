package io.portcullis.identity.jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Verified tokens by {@link TokenDigest}, so a repeated token costs a hash and a lookup instead of a signature
 * check. Design: a Caffeine cache bounded by {@code maxEntries} (W-TinyLFU eviction), each entry expiring when
 * its token does ({@code exp} plus skew, measured on the injected clock and converted to the injected ticker's
 * nanoseconds). A hit is re-checked against the clock, so a ticker that lags the clock can never extend a token's
 * life. Only successes are cached: a failure is recomputed (and the unknown-kid path is already cheap).
 * Caffeine's maintenance runs on the thread that triggers it (an event loop, briefly, under Caffeine's own
 * {@code tryLock}: a thread that finds it held skips the drain), never on another pool.
 */
final class VerifiedTokenCache {

    private final Cache<TokenDigest, JwtResult.Verified> cache;
    private final Clock clock;
    private final long skewMillis;

    VerifiedTokenCache(long maxEntries, Clock clock, Ticker ticker, long skewMillis) {
        this.clock = clock;
        this.skewMillis = skewMillis;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(ticker)
                // Maintenance (draining the read buffers, expiry, eviction) on the calling thread, amortised over
                // reads: with the default (ForkJoinPool.commonPool) every full read buffer woke a pool thread, about
                // one cross-thread wake-up per 16 hits, a futex pair each, on the cores the event loops need.
                .executor(Runnable::run)
                .expireAfter(new Expiry<TokenDigest, JwtResult.Verified>() {
                    @Override
                    public long expireAfterCreate(TokenDigest key, JwtResult.Verified value, long currentTime) {
                        return remainingNanos(value);
                    }

                    @Override
                    public long expireAfterUpdate(TokenDigest key, JwtResult.Verified value, long currentTime,
                                                  long currentDuration) {
                        return remainingNanos(value);
                    }

                    @Override
                    public long expireAfterRead(TokenDigest key, JwtResult.Verified value, long currentTime,
                                                long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    private long remainingNanos(JwtResult.Verified value) {
        long millis = value.token().expiresAtMillis() + skewMillis - clock.millis();
        return millis <= 0 ? 0 : TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** The cached result if present and its token is still within its lifetime by the clock; else null. */
    JwtResult.Verified get(TokenDigest key) {
        JwtResult.Verified hit = cache.getIfPresent(key);
        if (hit != null && clock.millis() >= hit.token().expiresAtMillis() + skewMillis) {
            cache.invalidate(key);
            return null;
        }
        return hit;
    }

    void put(TokenDigest key, JwtResult.Verified value) {
        cache.put(key, value);
    }

    void invalidateAll() {
        cache.invalidateAll();
    }

    long estimatedSize() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
