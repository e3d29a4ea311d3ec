package io.portcullis.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final long MS = 1_000_000;

    @Test
    void doublesUpToTheMaximumWithEqualJitter() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), new SplittableRandom(42));
        long[] caps = {100, 200, 400, 800, 1000, 1000, 1000};
        for (int attempt = 1; attempt <= caps.length; attempt++) {
            for (int sample = 0; sample < 200; sample++) {
                assertThat(backoff.delayNanos(attempt)).isBetween(caps[attempt - 1] * MS / 2, caps[attempt - 1] * MS);
            }
        }
    }

    @Test
    void jitterSpreadsTheWaits() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), new SplittableRandom(7));
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 1000; i++) {
            long d = backoff.delayNanos(1);
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertThat(min).isLessThan(600 * MS);
        assertThat(max).isGreaterThan(900 * MS);
    }

    @Test
    void neverOverflowsForLateAttempts() {
        Backoff backoff = new Backoff(Duration.ofDays(1), Duration.ofDays(3650), new SplittableRandom(1));
        assertThat(backoff.delayNanos(100)).isBetween(Duration.ofDays(3650).toNanos() / 2, Duration.ofDays(3650).toNanos());
    }
}
