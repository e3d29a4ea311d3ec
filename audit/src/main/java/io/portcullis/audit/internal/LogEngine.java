package io.portcullis.audit.internal;

import io.portcullis.audit.AuditAlert;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.AuditSettings;
import io.portcullis.audit.FailurePolicy;
import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.audit.checkpoint.CheckpointSigner;
import io.portcullis.audit.merkle.CompactRange;
import io.portcullis.audit.merkle.MerkleHasher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@code AuditLog}: admission on the caller's thread, everything else on one writer thread.
 *
 * <p>Design note: request threads only {@link BoundedQueue#offer} (one CAS, no lock, no syscall, no allocation).
 * The writer thread ({@link SegmentWriter}) wakes about once per {@code fsyncInterval} under load, drains what
 * gathered, encodes, frames, hashes into the Merkle tree and writes, allocating nothing per record; then it
 * publishes a flush point, which the sync thread ({@link Durability}) fsyncs once for the whole batch (group
 * commit) while the writer goes on, then publishes {@link #durableSize()}. State changes that matter to operators
 * (overflow, disk failure, recovery) are flags the callers read with one volatile load, plus an alert handed to a
 * separate alert thread so a slow listener can never stall writing or requests.
 */
public final class LogEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LogEngine.class);
    private static final int FLOWING = 0;
    private static final int OVERFLOWING = 1;
    private static final int ANNOUNCED = 2;
    /** Records the writer takes from the queue between two looks at the flush clock. */
    private static final int BATCH = 8192;

    private final AuditSettings settings;
    private final BoundedQueue<AuditRecord> queue;
    /**
     * {@link #FLOWING}, {@link #OVERFLOWING} (the request thread that saw the queue full is sending the alert) or
     * {@link #ANNOUNCED} (alert sent): the writer recovers only from ANNOUNCED, so RECOVERED never precedes the
     * QUEUE_FULL it answers.
     */
    private final AtomicInteger overflow = new AtomicInteger(FLOWING);
    private final LongAdder dropped = new LongAdder();
    private final ExecutorService alerts;
    private final SegmentWriter writer;
    private final Thread thread;
    private final Thread syncer;
    private volatile boolean failed;
    private volatile boolean closing;
    private volatile boolean writerDone;
    private volatile Durability.FlushPoint published;

    private LogEngine(AuditSettings settings, SegmentWriter writer) throws IOException {
        this.settings = settings;
        this.queue = new BoundedQueue<>(settings.queueCapacity());
        this.writer = writer;
        this.published = writer.flushPointAtOpen();
        this.alerts = Executors.newSingleThreadExecutor(r -> daemon(r, "portcullis-audit-alerts"));
        this.thread = daemon(this::runWriter, "portcullis-audit-writer");
        this.syncer = daemon(this::runSyncer, "portcullis-audit-sync");
    }

    public static LogEngine open(AuditSettings settings) throws IOException {
        Files.createDirectories(settings.dir());
        CheckpointSigner signer = new CheckpointSigner(AuditKeys.readSigningKey(settings.signingKey()));
        Path pub = settings.dir().resolve(SegmentFiles.PUBLIC_KEY);
        if (Files.exists(pub)) {
            String existing = AuditKeys.keyId(AuditKeys.readPublicKey(pub));
            if (!existing.equals(signer.keyId())) {
                throw new IOException(settings.dir() + ": checkpoints are signed with key " + existing
                        + " but signingKey is key " + signer.keyId() + " (expected: the same key, or a new directory)");
            }
        } else {
            AuditKeys.writePublicKey(pub, signer.publicKey());
        }
        MerkleHasher hasher = new MerkleHasher();
        Recovery.State state = Recovery.run(settings.dir(), hasher);
        SegmentWriter writer = SegmentWriter.resume(settings, signer, hasher, state);
        LogEngine engine = new LogEngine(settings, writer);
        if (state.tornBytes() > 0) {
            engine.alert(AuditAlert.Type.TORN_TAIL, "a crash left an incomplete record at the end of "
                    + state.segment().getFileName() + "; " + state.tornBytes() + " bytes moved to "
                    + state.tornFile().getFileName() + "; log resumes at record " + state.tree().size());
        }
        engine.thread.start();
        engine.syncer.start();
        return engine;
    }

    /** Queues {@code r} without blocking; see {@code AuditLog#append} for what the result means. */
    public boolean append(AuditRecord r) {
        boolean failOpen = settings.failurePolicy() == FailurePolicy.FAIL_OPEN;
        if (closing || failed || (overflow.get() != FLOWING && !failOpen)) {
            if (failOpen) {
                dropped.increment();
            }
            return failOpen && !closing;
        }
        if (queue.offer(r)) {
            return true;
        }
        if (failOpen) {
            dropped.increment();
        }
        if (overflow.compareAndSet(FLOWING, OVERFLOWING)) {
            try {
                alert(AuditAlert.Type.QUEUE_FULL, "audit queue full (" + queue.capacity() + " records): the disk is "
                        + "slower than the traffic; policy " + settings.failurePolicy());
            } finally {
                overflow.set(ANNOUNCED);
            }
        }
        return failOpen;
    }

    public boolean admitting() {
        return settings.failurePolicy() == FailurePolicy.FAIL_OPEN || !(failed || overflow.get() != FLOWING || closing);
    }

    public long durableSize() {
        return writer.durability().durable();
    }

    public long dropped() {
        return dropped.sum();
    }

    public int queued() {
        return queue.size();
    }

    private void runWriter() {
        long fsyncNanos = settings.fsyncInterval().toNanos();
        long lastFlush = System.nanoTime();
        while (true) {
            boolean stopping = closing;
            int n = 0;
            try {
                for (AuditRecord r; n < BATCH && (r = queue.poll()) != null; n++) {
                    if (failed) {
                        dropped.increment();
                    } else {
                        writer.write(r);
                    }
                }
                long now = System.nanoTime();
                Durability.FlushPoint last = published;
                if (!failed && writer.size() > last.size() && now - lastFlush >= fsyncNanos) {
                    published = writer.flush();
                    lastFlush = now;
                    LockSupport.unpark(syncer);
                }
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
            if (overflow.get() == ANNOUNCED && queue.size() <= queue.capacity() / 2
                    && overflow.compareAndSet(ANNOUNCED, FLOWING)) {
                alert(AuditAlert.Type.RECOVERED, "audit queue drained to " + queue.size() + " records; admitting again");
            }
            if (stopping) {
                if (n == 0 && queue.size() == 0) {
                    break;
                }
            } else if (n < BATCH) {
                // Caught up. With records written and not yet flushed, sleep until the next flush point: records
                // gather in the queue meanwhile, and one wake-up writes about an fsyncInterval's worth and flushes
                // them (wake-ups follow batches, not records; none waits longer than it would for the flush).
                // Idle, look again in a millisecond.
                boolean pending = n > 0 || writer.size() > published.size();
                LockSupport.parkNanos(pending
                        ? Math.max(50_000, fsyncNanos - (System.nanoTime() - lastFlush)) : 1_000_000);
            }
        }
        try {
            if (!failed) {
                writer.durability().syncTo(writer.flush(), true); // everything, and a final checkpoint
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    /**
     * Fsyncs the latest flush point as soon as the previous fsync is done; signs checkpoints when due. The writer
     * unparks it at every flush point (a permit given while it is busy makes the next park return at once), so
     * idle it wakes only every {@code fsyncInterval} (at least 1 ms) to sign a due checkpoint: wake-ups follow
     * flushes, not time.
     */
    private void runSyncer() {
        Durability durability = writer.durability();
        long idleNanos = Math.max(1_000_000, settings.fsyncInterval().toNanos());
        while (!writerDone) {
            try {
                Durability.FlushPoint point = published;
                if (!failed && point.size() > durability.durable()) {
                    durability.syncTo(point, false);
                } else {
                    if (!failed) {
                        durability.idle(); // the tail must not stay unsigned because traffic stopped
                    }
                    LockSupport.parkNanos(idleNanos);
                }
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
        }
    }

    private synchronized void fail(Exception e) {
        if (!failed) {
            failed = true;
            log.error("audit log write failed; policy {}", settings.failurePolicy(), e);
            alert(AuditAlert.Type.WRITE_FAILED, "audit write failed: " + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "; policy " + settings.failurePolicy());
        }
    }

    private void alert(AuditAlert.Type type, String detail) {
        AuditAlert a = new AuditAlert(type, Instant.now(settings.clock()), detail);
        if (type == AuditAlert.Type.RECOVERED) {
            log.info("audit: {}", detail);
        } else {
            log.warn("audit {}: {}", type, detail);
        }
        try {
            alerts.execute(() -> {
                try {
                    settings.listener().onAlert(a);
                } catch (RuntimeException e) {
                    log.warn("audit alert listener failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.warn("audit alert after close not delivered to the listener: {}", detail);
        }
    }

    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join();
            writerDone = true;
            LockSupport.unpark(syncer);
            syncer.join();
            writer.closeQuietly();
            alerts.shutdown();
            alerts.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS); // deliver what is pending
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
