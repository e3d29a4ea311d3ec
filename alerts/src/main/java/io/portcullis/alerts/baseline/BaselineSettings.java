package io.portcullis.alerts.baseline;

import java.time.Duration;

/**
 * The knobs of {@link TrafficBaseline}, each checked here. Defaults ({@link #DEFAULTS}) are the ones whose false
 * positive rate docs/assurance.md reports on generated traffic.
 *
 * @param bucket the window counts are taken over (and an alert names)
 * @param warmup samples a slot needs before it may alert (the first {@code warmup} are averaged exactly)
 * @param alpha the weight of a new sample in the exponentially weighted mean and variance after the warm-up
 * @param spikeZ how many standard deviations above the expected count is a spike
 * @param dropZ how many standard deviations below the expected count is a drop
 * @param minDelta the least difference in requests a rate alert needs (quiet series stay quiet)
 * @param minRelativeSpread the overdispersion assumed at least, as a share of the mean (the spread is at least
 *     {@code sqrt(mean + (minRelativeSpread * mean)^2)}): real traffic varies from bucket to bucket by more than
 *     Poisson noise, and a variance learned from a few dozen buckets can come out too small
 * @param shareZ how many standard deviations above its usual share a layer's denials must be
 * @param learning how long a principal is watched before a route or method new to it alerts
 * @param cooldown how long an alert of one key and kind is not repeated
 */
public record BaselineSettings(Duration bucket, int warmup, double alpha, double spikeZ, double dropZ, long minDelta,
                               double minRelativeSpread, double shareZ, Duration learning, Duration cooldown) {

    public static final BaselineSettings DEFAULTS = new BaselineSettings(Duration.ofMinutes(5), 12, 0.1, 6, 5, 20, 0.1, 6,
            Duration.ofDays(1), Duration.ofHours(1));

    public BaselineSettings {
        if (bucket.isNegative() || bucket.isZero() || Duration.ofHours(1).toMillis() % bucket.toMillis() != 0) {
            throw new IllegalArgumentException("bucket: " + bucket + " (expected: > 0 and dividing an hour)");
        }
        if (warmup < 2) {
            throw new IllegalArgumentException("warmup: " + warmup + " (expected: >= 2)");
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha: " + alpha + " (expected: between 0 and 1)");
        }
        if (!(spikeZ > 0 && dropZ > 0 && shareZ > 0)) {
            throw new IllegalArgumentException("spikeZ/dropZ/shareZ: " + spikeZ + "/" + dropZ + "/" + shareZ + " (expected: > 0)");
        }
        if (minDelta < 1) {
            throw new IllegalArgumentException("minDelta: " + minDelta + " (expected: >= 1)");
        }
        if (!(minRelativeSpread >= 0 && minRelativeSpread < 1)) {
            throw new IllegalArgumentException("minRelativeSpread: " + minRelativeSpread + " (expected: 0 <= x < 1)");
        }
        if (learning.isNegative() || cooldown.isNegative()) {
            throw new IllegalArgumentException("learning/cooldown: " + learning + "/" + cooldown + " (expected: >= 0)");
        }
    }
}
