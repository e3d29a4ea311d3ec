package io.portcullis.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.portcullis.gateway.testing.FakeTicker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lazy timeout on a fake ticker and an embedded event loop whose timer stands still until the test moves it:
 * it expires once when left armed, never when disarmed in time, and the ticker, not the timer, says whether the
 * time is up.
 */
class DeadlineTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final FakeTicker ticker = new FakeTicker();
    private final AtomicInteger expired = new AtomicInteger();
    private final Deadline deadline;

    DeadlineTest() {
        channel.freezeTime();
        deadline = new Deadline(channel.eventLoop(), ticker, expired::incrementAndGet);
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    /** Time passes for both the ticker and the loop's timer, and the checks now due run. */
    private void pass(long millis) {
        ticker.advance(Duration.ofMillis(millis));
        timerPasses(millis);
    }

    /** Only the loop's timer moves on (a check that runs before the ticker says the time is up). */
    private void timerPasses(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void expiresOnceNoSoonerThanTheTimeout() {
        deadline.arm(ms(100));
        pass(99);
        assertThat(expired).hasValue(0);
        assertThat(deadline.armed()).isTrue();
        pass(1);
        assertThat(expired).hasValue(1);
        assertThat(deadline.armed()).isFalse();
        pass(1_000);
        assertThat(expired).as("once").hasValue(1);
    }

    @Test
    void requestsDisarmedInTimeNeverExpireHoweverManyThereAre() {
        for (int i = 0; i < 400; i++) { // many requests, each well within the 100 ms timeout
            deadline.arm(ms(100));
            pass(1);
            deadline.disarm();
        }
        pass(1_000);
        assertThat(expired).hasValue(0);
    }

    @Test
    void reArmingRunsTheTimeoutFromTheLatestRequest() {
        deadline.arm(ms(200));
        pass(150);
        deadline.disarm();
        deadline.arm(ms(200)); // the check pending from the first arm must not expire this
        pass(50);
        assertThat(expired).as("the first check found 150 ms left").hasValue(0);
        pass(149);
        assertThat(expired).hasValue(0);
        pass(1);
        assertThat(expired).hasValue(1);
    }

    @Test
    void aShorterTimeoutThanThePendingCheckStillExpiresOnTime() {
        deadline.arm(TimeUnit.SECONDS.toNanos(60));
        deadline.disarm();
        deadline.arm(ms(50)); // e.g. a reload shortened the timeout
        pass(50);
        assertThat(expired).as("expired long before the 60 s check").hasValue(1);
    }

    @Test
    void closingCancelsTheCheck() {
        deadline.arm(ms(50));
        deadline.close();
        pass(1_000);
        assertThat(expired).hasValue(0);
        assertThat(deadline.armed()).isFalse();
    }

    @Test
    void theTickerDecidesWhetherTheTimeIsUpNotTheTimer() {
        deadline.arm(ms(100));
        ticker.advance(Duration.ofMillis(60));
        timerPasses(100);
        assertThat(expired).as("the check ran, but the ticker says 40 ms are left").hasValue(0);
        ticker.advance(Duration.ofMillis(40));
        timerPasses(40);
        assertThat(expired).hasValue(1);
    }
}
