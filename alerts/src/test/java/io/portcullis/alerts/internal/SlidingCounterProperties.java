package io.portcullis.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * The O(1) bucket ring agrees with a naive model that keeps every event: an event counts while its bucket is one
 * of the ten newest, whatever the order and gaps of the events.
 */
class SlidingCounterProperties {

    @Property(tries = 500)
    void agreesWithKeepingEveryEvent(@ForAll @LongRange(min = 1_000, max = 600_000) long windowMillis,
                                     @ForAll @Size(max = 300) List<@IntRange(min = -20_000, max = 60_000) Integer> steps) {
        SlidingCounter counter = new SlidingCounter(windowMillis);
        long bucketMillis = windowMillis / SlidingCounter.BUCKETS;
        List<Long> kept = new ArrayList<>();
        long newest = Long.MIN_VALUE;
        long t = 1_736_847_000_000L;
        for (int step : steps) {
            t += step; // negative steps are late events
            long bucket = Math.floorDiv(t, bucketMillis);
            newest = Math.max(newest, bucket);
            if (bucket > newest - SlidingCounter.BUCKETS) {
                kept.add(bucket);
            }
            long inWindow = 0;
            for (long b : kept) {
                if (b > newest - SlidingCounter.BUCKETS) {
                    inWindow++;
                }
            }
            assertThat(counter.add(t)).isEqualTo(inWindow);
        }
    }
}
