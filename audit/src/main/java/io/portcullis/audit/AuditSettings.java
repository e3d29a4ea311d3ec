package io.portcullis.audit;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The {@code audit} configuration section, plus the clock and alert listener the gateway supplies. Build with
 * {@link #builder(Path, Path)}; every option is checked when it is set.
 *
 * @param dir                where segments and checkpoints live
 * @param signingKey         the Ed25519 signing-key file ({@code portcullis audit keygen})
 * @param checkpointInterval how often a signed checkpoint is written when records arrived
 * @param fsyncInterval      the group-commit interval: records are durable at most this long after being queued
 * @param retention          which old segments are deleted
 * @param segmentMaxBytes    a segment is closed and a new one started beyond this size
 * @param queueCapacity      records that may wait for the writer before the {@link FailurePolicy} applies
 * @param failurePolicy      what to do when a record cannot be taken
 * @param redactQuery        replace the query string of recorded paths with {@code ?<redacted>}
 */
public record AuditSettings(Path dir, Path signingKey, Duration checkpointInterval, Duration fsyncInterval,
                            Retention retention, long segmentMaxBytes, int queueCapacity, FailurePolicy failurePolicy,
                            boolean redactQuery, Clock clock, AuditListener listener) {

    public AuditSettings {
        requireNonNull(dir, "dir");
        requireNonNull(signingKey, "signingKey");
        requirePositive("checkpointInterval", checkpointInterval);
        requirePositive("fsyncInterval", fsyncInterval);
        requireNonNull(retention, "retention");
        if (segmentMaxBytes < 4096) {
            throw new IllegalArgumentException("segmentMaxBytes: " + segmentMaxBytes + " (expected: >= 4096)");
        }
        if (queueCapacity < 2) {
            throw new IllegalArgumentException("queueCapacity: " + queueCapacity + " (expected: >= 2)");
        }
        requireNonNull(failurePolicy, "failurePolicy");
        requireNonNull(clock, "clock");
        requireNonNull(listener, "listener");
    }

    public static Builder builder(Path dir, Path signingKey) {
        return new Builder(dir, signingKey);
    }

    private static Duration requirePositive(String name, Duration d) {
        requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
        }
        return d;
    }

    /** Defaults: checkpoint every 10 s, fsync every 10 ms, keep everything, 64 MiB segments, 65536 queued, fail closed. */
    public static final class Builder {
        private final Path dir;
        private final Path signingKey;
        private Duration checkpointInterval = Duration.ofSeconds(10);
        private Duration fsyncInterval = Duration.ofMillis(10);
        private Retention retention = Retention.UNLIMITED;
        private long segmentMaxBytes = 64L << 20;
        private int queueCapacity = 1 << 16;
        private FailurePolicy failurePolicy = FailurePolicy.FAIL_CLOSED;
        private boolean redactQuery = true;
        private Clock clock = Clock.systemUTC();
        private AuditListener listener = AuditListener.NONE;

        private Builder(Path dir, Path signingKey) {
            this.dir = requireNonNull(dir, "dir");
            this.signingKey = requireNonNull(signingKey, "signingKey");
        }

        public Builder checkpointInterval(Duration v) { checkpointInterval = requirePositive("checkpointInterval", v); return this; }
        public Builder fsyncInterval(Duration v) { fsyncInterval = requirePositive("fsyncInterval", v); return this; }
        public Builder retention(Retention v) { retention = requireNonNull(v, "retention"); return this; }
        public Builder segmentMaxBytes(long v) {
            if (v < 4096) {
                throw new IllegalArgumentException("segmentMaxBytes: " + v + " (expected: >= 4096)");
            }
            segmentMaxBytes = v;
            return this;
        }

        public Builder queueCapacity(int v) {
            if (v < 2) {
                throw new IllegalArgumentException("queueCapacity: " + v + " (expected: >= 2)");
            }
            queueCapacity = v;
            return this;
        }

        public Builder failurePolicy(FailurePolicy v) { failurePolicy = requireNonNull(v, "failurePolicy"); return this; }
        public Builder redactQuery(boolean v) { redactQuery = v; return this; }
        public Builder clock(Clock v) { clock = requireNonNull(v, "clock"); return this; }
        public Builder listener(AuditListener v) { listener = requireNonNull(v, "listener"); return this; }

        public AuditSettings build() {
            return new AuditSettings(dir, signingKey, checkpointInterval, fsyncInterval, retention, segmentMaxBytes,
                    queueCapacity, failurePolicy, redactQuery, clock, listener);
        }
    }
}
