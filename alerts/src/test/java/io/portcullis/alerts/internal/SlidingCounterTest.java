package io.portcullis.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlidingCounterTest {

    private static final long WINDOW = 60_000;
    private static final long BUCKET = WINDOW / SlidingCounter.BUCKETS;
    private static final long T0 = 1_736_847_000_000L;

    @Test
    void countsEventsInsideTheWindow() {
        SlidingCounter c = new SlidingCounter(WINDOW);
        assertThat(c.add(T0)).isEqualTo(1);
        assertThat(c.add(T0 + 1_000)).isEqualTo(2);
        assertThat(c.add(T0 + 30_000)).isEqualTo(3);
        assertThat(c.count(T0 + 59_000)).isEqualTo(3);
    }

    @Test
    void eventsSlideOutBucketByBucket() {
        SlidingCounter c = new SlidingCounter(WINDOW);
        c.add(T0);
        c.add(T0 + 2 * BUCKET);
        c.add(T0 + 5 * BUCKET);

        assertThat(c.count(T0 + 9 * BUCKET)).isEqualTo(3);
        assertThat(c.count(T0 + 10 * BUCKET)).as("the first event's bucket left the window").isEqualTo(2);
        assertThat(c.count(T0 + 12 * BUCKET)).isEqualTo(1);
        assertThat(c.count(T0 + 15 * BUCKET)).isZero();
    }

    @Test
    void aGapLongerThanTheWindowForgetsEverything() {
        SlidingCounter c = new SlidingCounter(WINDOW);
        for (int i = 0; i < 100; i++) {
            c.add(T0 + i);
        }
        assertThat(c.add(T0 + 10 * WINDOW)).isEqualTo(1);
    }

    @Test
    void aLateEventCountsIfItsBucketIsStillInTheWindow() {
        SlidingCounter c = new SlidingCounter(WINDOW);
        c.add(T0 + 5 * BUCKET);
        assertThat(c.add(T0 + 2 * BUCKET)).isEqualTo(2);
        assertThat(c.count(T0 + 12 * BUCKET)).as("the late event expires with its own bucket").isEqualTo(1);
    }

    @Test
    void anEventOlderThanTheWindowIsIgnored() {
        SlidingCounter c = new SlidingCounter(WINDOW);
        c.add(T0 + 20 * BUCKET);
        assertThat(c.add(T0)).isEqualTo(1);
    }
}
