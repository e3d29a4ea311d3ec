package io.portcullis.audit;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How long closed segments are kept: a segment is deleted once all its records are older than {@code maxAge}, or
 * while the log exceeds {@code maxBytes} (oldest first). {@link Duration#ZERO} and {@code 0} mean no limit. The
 * segment being written is never deleted, and the checkpoints needed to verify what remains are kept.
 */
public record Retention(Duration maxAge, long maxBytes) {

    /** Keep everything. */
    public static final Retention UNLIMITED = new Retention(Duration.ZERO, 0);

    public Retention {
        requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge: " + maxAge + " (expected: >= 0, 0 for no limit)");
        }
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: >= 0, 0 for no limit)");
        }
    }

    public boolean unlimited() {
        return maxAge.isZero() && maxBytes == 0;
    }
}
