package io.portcullis.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventBufferTest {

    @Test
    void refusesAtOnceWhenFullAndCountsTheDrop() {
        EventBuffer<Integer> buffer = new EventBuffer<>(1, 4);
        for (int i = 0; i < 4; i++) {
            assertThat(buffer.offer(i)).isTrue();
        }
        assertThat(buffer.offer(4)).isFalse();
        assertThat(buffer.dropped()).isEqualTo(1);

        List<Integer> seen = new ArrayList<>();
        assertThat(buffer.drain(seen::add)).isEqualTo(4);
        assertThat(seen).containsExactly(0, 1, 2, 3);
        assertThat(buffer.offer(5)).as("drained slots are reused").isTrue();
        assertThat(buffer.accepted()).isEqualTo(5);
        assertThat(buffer.consumed()).isEqualTo(4);
    }

    @Test
    void manyProducersAndOneConcurrentConsumerLoseNothing() throws Exception {
        EventBuffer<Long> buffer = new EventBuffer<>(4, 1024);
        int producers = 4;
        int perProducer = 50_000;
        CountDownLatch start = new CountDownLatch(1);
        AtomicLong sum = new AtomicLong();
        AtomicLong count = new AtomicLong();
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread consumer = new Thread(() -> {
            while (producing.get() || buffer.consumed() < buffer.accepted()) {
                buffer.drain(v -> {
                    sum.addAndGet(v);
                    count.incrementAndGet();
                });
                Thread.onSpinWait();
            }
        });
        consumer.start();
        List<Thread> threads = new ArrayList<>();
        long[] offeredSum = new long[producers];
        for (int p = 0; p < producers; p++) {
            int id = p;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (long i = 1; i <= perProducer; i++) {
                    long v = id * 1_000_000L + i;
                    while (!buffer.offer(v)) {
                        Thread.onSpinWait();
                    }
                    offeredSum[id] += v;
                }
            });
            t.start();
            threads.add(t);
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        producing.set(false);
        consumer.join();

        long expected = 0;
        for (long s : offeredSum) {
            expected += s;
        }
        assertThat(count.get()).isEqualTo((long) producers * perProducer);
        assertThat(sum.get()).isEqualTo(expected);
        assertThat(buffer.consumed()).isEqualTo(buffer.accepted());
    }
}
