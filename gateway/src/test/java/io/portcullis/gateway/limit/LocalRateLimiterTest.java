package io.portcullis.gateway.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import io.portcullis.settings.RateLimitKey;
import io.portcullis.settings.RateLimitSettings;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalRateLimiterTest {

    /** A time source the test advances instead of sleeping. */
    static final class FakeTime implements TimeMeter {
        final AtomicLong nanos = new AtomicLong(1_000_000_000L);

        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }

        void advance(Duration d) {
            nanos.addAndGet(d.toNanos());
        }
    }

    static final RateLimitSettings TWO_PER_MINUTE = new RateLimitSettings(RateLimitKey.WORKLOAD, 2, 2, Duration.ofMinutes(1));

    @Test
    void refusesWhenEmptyAndRefillsOverThePeriod() {
        FakeTime time = new FakeTime();
        LocalRateLimiter limiter = new LocalRateLimiter(time);
        assertThat(limiter.tryConsume("orders", TWO_PER_MINUTE, "web").remaining()).isEqualTo(1);
        assertThat(limiter.tryConsume("orders", TWO_PER_MINUTE, "web").consumed()).isTrue();
        RateLimitProbe refused = limiter.tryConsume("orders", TWO_PER_MINUTE, "web");
        assertThat(refused.consumed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(30);
        time.advance(Duration.ofSeconds(30));
        assertThat(limiter.tryConsume("orders", TWO_PER_MINUTE, "web").consumed()).isTrue();
    }

    @Test
    void keepsSeparateBucketsPerKeyScopeAndLimit() {
        LocalRateLimiter limiter = new LocalRateLimiter(new FakeTime());
        limiter.tryConsume("orders", TWO_PER_MINUTE, "web");
        limiter.tryConsume("orders", TWO_PER_MINUTE, "web");
        assertThat(limiter.tryConsume("orders", TWO_PER_MINUTE, "web").consumed()).isFalse();
        assertThat(limiter.tryConsume("orders", TWO_PER_MINUTE, "batch").consumed()).isTrue();
        assertThat(limiter.tryConsume("billing", TWO_PER_MINUTE, "web").consumed()).isTrue();
        RateLimitSettings changed = new RateLimitSettings(RateLimitKey.WORKLOAD, 3, 2, Duration.ofMinutes(1));
        assertThat(limiter.tryConsume("orders", changed, "web").consumed()).isTrue();
        RateLimitSettings equal = new RateLimitSettings(RateLimitKey.WORKLOAD, 2, 2, Duration.ofMinutes(1));
        assertThat(equal).isEqualTo(TWO_PER_MINUTE).hasSameHashCodeAs(TWO_PER_MINUTE).isNotSameAs(TWO_PER_MINUTE);
        assertThat(limiter.tryConsume("orders", equal, "web").consumed()).as("an equal limit is the same bucket").isFalse();
        assertThat(limiter.tryConsume(new String("orders"), TWO_PER_MINUTE, new String("web")).consumed())
                .as("equal strings are the same bucket").isFalse();
        assertThat(limiter.size()).isEqualTo(4);
    }

    @Test
    void dropsABucketOnceItIsFullAgainAndStartsANewOneWhenItsKeyReturns() {
        FakeTime time = new FakeTime();
        LocalRateLimiter limiter = new LocalRateLimiter(time);
        limiter.tryConsume("orders", TWO_PER_MINUTE, "web");
        limiter.tryConsume("orders", TWO_PER_MINUTE, "web");
        time.advance(Duration.ofSeconds(59));
        assertThat(limiter.size()).as("one token short of full").isEqualTo(1);
        time.advance(Duration.ofSeconds(1));
        assertThat(limiter.size()).isZero();
        assertThat(limiter.tryConsume("orders", TWO_PER_MINUTE, "web").remaining()).isEqualTo(1);
        assertThat(limiter.tryConsume("orders", TWO_PER_MINUTE, "web").consumed()).isTrue();
        assertThat(limiter.tryConsume("orders", TWO_PER_MINUTE, "web").consumed()).isFalse();
    }

    @Test
    void newKeysSweepAwayTheBucketsThatRefilled() {
        FakeTime time = new FakeTime();
        LocalRateLimiter limiter = new LocalRateLimiter(time);
        for (int i = 0; i < 100; i++) {
            limiter.tryConsume("orders", TWO_PER_MINUTE, "old-" + i);
        }
        time.advance(Duration.ofSeconds(30));
        for (int i = 0; i < 300; i++) {
            assertThat(limiter.tryConsume("orders", TWO_PER_MINUTE, "new-" + i).remaining()).isEqualTo(1);
        }
        assertThat(limiter.held()).as("the sweeps of 300 inserts passed every bucket twice").isEqualTo(300);
        assertThat(limiter.tryConsume("orders", TWO_PER_MINUTE, "new-7").remaining()).as("kept").isZero();
    }

    @Test
    void keepsAFullBucketUsedSinceTheSweepLastPassedIt() {
        FakeTime time = new FakeTime();
        LocalRateLimiter limiter = new LocalRateLimiter(time);
        limiter.tryConsume("orders", TWO_PER_MINUTE, "busy");
        limiter.tryConsume("orders", TWO_PER_MINUTE, "busy");
        time.advance(Duration.ofMinutes(1));
        limiter.tryConsume("orders", TWO_PER_MINUTE, "a");
        assertThat(limiter.held()).as("the sweep passed the full bucket, used since it last passed").isEqualTo(2);
        limiter.tryConsume("orders", TWO_PER_MINUTE, "b");
        assertThat(limiter.held()).as("passed again, unused since: dropped").isEqualTo(2);
        assertThat(limiter.tryConsume("orders", TWO_PER_MINUTE, "busy").remaining()).isEqualTo(1);
    }

    @Test
    void countsEveryTokenWhenThreadsShareABucket() throws Exception {
        RateLimitSettings thousand = new RateLimitSettings(RateLimitKey.API, 1000, 1, Duration.ofHours(1));
        LocalRateLimiter limiter = new LocalRateLimiter(new FakeTime());
        AtomicInteger taken = new AtomicInteger();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    if (limiter.tryConsume("orders", thousand, "").consumed()) {
                        taken.incrementAndGet();
                    }
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(taken).hasValue(1000);
    }

    @Test
    void describesPolicyAndStateInDraftHeaderSyntax() {
        assertThat(RateLimitHeaders.policy(TWO_PER_MINUTE)).isEqualTo("\"workload-2-per-60000ms\";q=2;w=60");
        assertThat(RateLimitHeaders.state(TWO_PER_MINUTE, new RateLimitProbe(false, 0, 1_500_000_000L)))
                .isEqualTo("\"workload-2-per-60000ms\";r=0;t=2");
        // after a taken token, t is the time until the bucket is full again: 1 token at 2 per minute is 30 s
        assertThat(RateLimitHeaders.state(TWO_PER_MINUTE, new RateLimitProbe(true, 1, 0)))
                .isEqualTo("\"workload-2-per-60000ms\";r=1;t=30");
        assertThat(RateLimitHeaders.state(TWO_PER_MINUTE, new RateLimitProbe(true, 2, 0)))
                .isEqualTo("\"workload-2-per-60000ms\";r=2;t=0");
    }

    @Test
    void keepsHeaderValuesOfAtMostABoundedNumberOfLimits() {
        for (int i = 1; i <= RateLimitHeaders.MAX_LIMITS + 10; i++) {
            RateLimitSettings limit = new RateLimitSettings(RateLimitKey.ADDRESS, i, 1, Duration.ofSeconds(1));
            assertThat(RateLimitHeaders.policy(limit)).isEqualTo("\"address-1-per-1000ms\";q=" + i + ";w=" + i);
            assertThat(RateLimitHeaders.cachedLimits()).isBetween(1, RateLimitHeaders.MAX_LIMITS);
        }
        assertThat(RateLimitHeaders.state(TWO_PER_MINUTE, new RateLimitProbe(true, 0, 0)))
                .isEqualTo("\"workload-2-per-60000ms\";r=0;t=60");
    }

    @Test
    void refundsATakenTokenButNeverPastTheCapacity() {
        LocalRateLimiter limiter = new LocalRateLimiter(new FakeTime());
        limiter.tryConsume("orders", TWO_PER_MINUTE, "web");
        limiter.refund("orders", TWO_PER_MINUTE, "web");
        limiter.refund("orders", TWO_PER_MINUTE, "web");
        limiter.refund("orders", TWO_PER_MINUTE, "never-used");
        assertThat(limiter.tryConsume("orders", TWO_PER_MINUTE, "web").remaining()).isEqualTo(1);
        assertThat(limiter.tryConsume("orders", TWO_PER_MINUTE, "web").consumed()).isTrue();
        assertThat(limiter.tryConsume("orders", TWO_PER_MINUTE, "web").consumed()).isFalse();
        assertThat(limiter.size()).as("a refund creates no bucket").isEqualTo(1);
    }
}
