package io.portcullis.audit;

import static java.util.Objects.requireNonNull;

import io.portcullis.audit.internal.LogEngine;
import java.io.IOException;

/**
 * The tamper-evident audit log the gateway writes: records go into segment files, are hashed into an RFC 9162
 * Merkle tree, and Ed25519-signed checkpoints of the tree are written periodically. {@code portcullis audit verify}
 * checks it.
 *
 * <p>{@link #append} never blocks: it queues the record for the single writer thread, which group-commits with an
 * fsync every {@link AuditSettings#fsyncInterval()}. When the record cannot be taken, the
 * {@link AuditSettings#failurePolicy()} decides whether the request may proceed, and an {@link AuditAlert} fires.
 * Opening recovers from a crash: a torn tail is moved aside and reported. Thread-safe.
 */
public final class AuditLog implements AutoCloseable {

    private final LogEngine engine;

    private AuditLog(LogEngine engine) {
        this.engine = engine;
    }

    /**
     * Opens (creating if needed) the log in {@link AuditSettings#dir()}.
     *
     * @throws IOException if the directory or key cannot be used, or the log is damaged where a checkpoint covers it
     */
    public static AuditLog open(AuditSettings settings) throws IOException {
        return new AuditLog(LogEngine.open(requireNonNull(settings, "settings")));
    }

    /**
     * Queues {@code record} without blocking. Returns {@code true} when the request it describes may proceed: the
     * record was queued, or it was dropped under {@link FailurePolicy#FAIL_OPEN}. Returns {@code false} when the log
     * is not admitting ({@link FailurePolicy#FAIL_CLOSED} after an overflow or a disk failure, or after close).
     */
    public boolean append(AuditRecord record) {
        return engine.append(requireNonNull(record, "record"));
    }

    /** False while the gateway must not admit requests (fail closed). One volatile read; cheap on any thread. */
    public boolean admitting() {
        return engine.admitting();
    }

    /** Records made durable (fsynced) so far, counting from the first record ever written. */
    public long durableSize() {
        return engine.durableSize();
    }

    /** Records dropped: refused under {@link FailurePolicy#FAIL_OPEN}, or still queued when the disk failed. */
    public long dropped() {
        return engine.dropped();
    }

    /** Records waiting for the writer: the audit lag. */
    public int queued() {
        return engine.queued();
    }

    /** Writes what is queued, fsyncs, signs a final checkpoint and stops the writer. */
    @Override
    public void close() {
        engine.close();
    }
}
