package io.portcullis.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lazy timeout on a real event loop: it expires once when left armed, never when disarmed in time. */
class DeadlineTest {

    private final EventLoop loop = new DefaultEventLoop();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private <T> T on(java.util.concurrent.Callable<T> task) throws Exception {
        return loop.submit(task).get(5, TimeUnit.SECONDS);
    }

    private void run(Runnable task) throws Exception {
        loop.submit(task).get(5, TimeUnit.SECONDS);
    }

    @Test
    void expiresOnceNoSoonerThanTheTimeout() throws Exception {
        AtomicInteger expired = new AtomicInteger();
        AtomicLong at = new AtomicLong();
        CountDownLatch fired = new CountDownLatch(1);
        Deadline d = on(() -> new Deadline(loop, () -> {
            expired.incrementAndGet();
            at.set(System.nanoTime());
            fired.countDown();
        }));
        long start = System.nanoTime();
        run(() -> {
            d.arm(TimeUnit.MILLISECONDS.toNanos(100));
        });
        assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(300);
        assertThat(expired).hasValue(1);
        assertThat(at.get() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(on(d::armed)).isFalse();
    }

    @Test
    void requestsDisarmedInTimeNeverExpireHoweverManyThereAre() throws Exception {
        AtomicInteger expired = new AtomicInteger();
        Deadline d = on(() -> new Deadline(loop, expired::incrementAndGet));
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
        while (System.nanoTime() < end) { // many requests, each well within the 100 ms timeout
            run(() -> {
                d.arm(TimeUnit.MILLISECONDS.toNanos(100));
                d.disarm();
            });
        }
        Thread.sleep(300);
        assertThat(expired).hasValue(0);
    }

    @Test
    void reArmingRunsTheTimeoutFromTheLatestRequest() throws Exception {
        AtomicLong at = new AtomicLong();
        CountDownLatch fired = new CountDownLatch(1);
        Deadline d = on(() -> new Deadline(loop, () -> {
            at.set(System.nanoTime());
            fired.countDown();
        }));
        run(() -> {
            d.arm(TimeUnit.MILLISECONDS.toNanos(200));
        });
        Thread.sleep(150);
        long rearmed = System.nanoTime();
        run(() -> {
            d.disarm();
            d.arm(TimeUnit.MILLISECONDS.toNanos(200)); // the check pending from the first arm must not expire this
        });
        assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(at.get() - rearmed).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
    }

    @Test
    void aShorterTimeoutThanThePendingCheckStillExpiresOnTime() throws Exception {
        CountDownLatch fired = new CountDownLatch(1);
        Deadline d = on(() -> new Deadline(loop, fired::countDown));
        run(() -> {
            d.arm(TimeUnit.SECONDS.toNanos(60));
            d.disarm();
            d.arm(TimeUnit.MILLISECONDS.toNanos(50)); // e.g. a reload shortened the timeout
        });
        assertThat(fired.await(5, TimeUnit.SECONDS)).as("expired long before the 60 s check").isTrue();
    }

    @Test
    void closingCancelsTheCheck() throws Exception {
        AtomicInteger expired = new AtomicInteger();
        Deadline d = on(() -> new Deadline(loop, expired::incrementAndGet));
        run(() -> {
            d.arm(TimeUnit.MILLISECONDS.toNanos(50));
            d.close();
        });
        Thread.sleep(250);
        assertThat(expired).hasValue(0);
    }
}
