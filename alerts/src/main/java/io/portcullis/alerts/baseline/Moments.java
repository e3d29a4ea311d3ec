package io.portcullis.alerts.baseline;

/**
 * The mean and variance of one series in one slot: exact (Welford) over the first {@code warmup} samples, then
 * exponentially weighted, so the baseline follows slow change and forgets old weeks.
 */
final class Moments {

    private long n;
    private double mean;
    private double variance;

    void add(double x, int warmup, double alpha) {
        n++;
        if (n <= warmup) {
            double delta = x - mean;
            mean += delta / n;
            // Welford: the running sum of squares, kept as the population variance
            variance += (delta * (x - mean) - variance) / n;
        } else {
            double delta = x - mean;
            mean += alpha * delta;
            variance = (1 - alpha) * (variance + alpha * delta * delta);
        }
    }

    long samples() {
        return n;
    }

    double mean() {
        return mean;
    }

    double sd() {
        return Math.sqrt(Math.max(0, variance));
    }
}
