package io.portcullis.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The lock-free queue under contention: nothing lost, nothing duplicated, each producer's order kept. */
class BoundedQueueTest {

    @Test
    void concurrentProducersLoseNothingAndKeepTheirOrder() throws Exception {
        int producers = 4;
        int perProducer = 100_000;
        BoundedQueue<long[]> queue = new BoundedQueue<>(64);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            long id = p;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (long i = 0; i < perProducer; i++) {
                    long[] item = {id, i};
                    while (!queue.offer(item)) {
                        Thread.onSpinWait();
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        long[] next = new long[producers];
        long received = 0;
        start.countDown();
        while (received < (long) producers * perProducer) {
            long[] item = queue.poll();
            if (item == null) {
                Thread.onSpinWait();
                continue;
            }
            assertThat(item[1]).as("producer %d order", item[0]).isEqualTo(next[(int) item[0]]);
            next[(int) item[0]]++;
            received++;
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(queue.poll()).isNull();
        assertThat(queue.size()).isZero();
    }

    @Test
    void refusesWhenFullAndRoundsCapacityUpToAPowerOfTwo() {
        BoundedQueue<String> queue = new BoundedQueue<>(5);
        assertThat(queue.capacity()).isEqualTo(8);
        for (int i = 0; i < 8; i++) {
            assertThat(queue.offer("x" + i)).isTrue();
        }
        assertThat(queue.offer("overflow")).isFalse();
        assertThat(queue.poll()).isEqualTo("x0");
        assertThat(queue.offer("x8")).isTrue();
        assertThat(queue.size()).isEqualTo(8);
    }
}
