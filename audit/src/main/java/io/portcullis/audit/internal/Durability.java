package io.portcullis.audit.internal;

import io.portcullis.audit.AuditSettings;
import io.portcullis.audit.checkpoint.CheckpointSigner;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes written records durable and signs checkpoints of durable records.
 *
 * <p>Design note: the writer thread hands over {@link FlushPoint}s (records written to a channel up to a size,
 * with the tree root at that size) and goes on writing; the sync thread fsyncs the latest point, publishes
 * {@link #durable()} and, when due, signs that point. So encoding and writing overlap the fsync instead of waiting
 * for it, and a slow fsync makes the next one cover more records (group commit). One lock serialises fsyncs,
 * checkpoint appends and the writer's segment roll; a point at or below what is already durable is skipped, so a
 * closed segment's channel is never forced.
 */
final class Durability implements AutoCloseable {

    /** Everything written to {@code channel} up to {@code size} records; {@code root} is the tree root then. */
    record FlushPoint(long size, byte[] root, FileChannel channel) {}

    /** Work done while checkpoints are closed (retention rewrites the file). */
    interface Rewrite {
        void run() throws IOException;
    }

    private final AuditSettings settings;
    private final CheckpointSigner signer;
    private final ReentrantLock lock = new ReentrantLock();
    private CheckpointStore checkpoints;
    private FlushPoint synced;
    private long lastCheckpointSize;
    private long lastCheckpointMillis;
    private volatile long durable;

    Durability(AuditSettings settings, CheckpointSigner signer, FlushPoint recovered, long lastCheckpointSize)
            throws IOException {
        this.settings = settings;
        this.signer = signer;
        this.checkpoints = CheckpointStore.openForAppend(settings.dir());
        this.synced = recovered;
        this.durable = recovered.size();
        this.lastCheckpointSize = lastCheckpointSize;
        this.lastCheckpointMillis = settings.clock().millis();
    }

    long durable() {
        return durable;
    }

    /** Fsyncs up to {@code point} unless already durable, then signs a checkpoint if due or {@code checkpoint}. */
    void syncTo(FlushPoint point, boolean checkpoint) throws IOException {
        lock.lock();
        try {
            if (point.size() > durable) {
                point.channel().force(false);
                synced = point;
                durable = point.size();
            }
            checkpointIfDue(checkpoint);
        } finally {
            lock.unlock();
        }
    }

    /** Signs the durable records if the interval has passed; cheap when there is nothing new. */
    void idle() throws IOException {
        if (lock.tryLock()) {
            try {
                checkpointIfDue(false);
            } finally {
                lock.unlock();
            }
        }
    }

    void rewriteCheckpoints(Rewrite rewrite) throws IOException {
        lock.lock();
        try {
            checkpoints.close();
            rewrite.run();
            checkpoints = CheckpointStore.openForAppend(settings.dir());
        } finally {
            lock.unlock();
        }
    }

    private void checkpointIfDue(boolean force) throws IOException {
        long now = settings.clock().millis();
        if (synced.size() > lastCheckpointSize
                && (force || now - lastCheckpointMillis >= settings.checkpointInterval().toMillis())) {
            checkpoints.append(signer.sign(synced.size(), synced.root(), Instant.ofEpochMilli(now)));
            lastCheckpointSize = synced.size();
            lastCheckpointMillis = now;
        }
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            checkpoints.close();
        } finally {
            lock.unlock();
        }
    }
}
