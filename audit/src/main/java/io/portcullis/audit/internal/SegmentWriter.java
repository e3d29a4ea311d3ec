package io.portcullis.audit.internal;

import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.AuditSettings;
import io.portcullis.audit.checkpoint.CheckpointSigner;
import io.portcullis.audit.merkle.CompactRange;
import io.portcullis.audit.merkle.MerkleHasher;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes records into the active segment; used only by the writer thread.
 *
 * <p>Design note: frames accumulate in one 1 MiB direct buffer that is written when full and at every
 * {@link #sync()}, so a batch costs a few {@code write} calls and one {@code fsync}. The Merkle tree's compact range
 * advances with every record, so a checkpoint right after a sync signs exactly the durable records. A segment that
 * would grow beyond {@code segmentMaxBytes} is synced, checkpointed and closed, and the next one starts with the
 * tree's frontier in its header; retention then runs.
 */
final class SegmentWriter {

    private static final Logger log = LoggerFactory.getLogger(SegmentWriter.class);

    private final AuditSettings settings;
    private final CheckpointSigner signer;
    private final MerkleHasher hasher;
    private final CompactRange tree;
    private final RecordEncoder encoder;
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    private CheckpointStore checkpoints;
    private FileChannel channel;
    private long segmentStart;
    private long segmentBytes;
    private long lastCheckpointSize;
    private long lastCheckpointMillis;

    private SegmentWriter(AuditSettings settings, CheckpointSigner signer, MerkleHasher hasher, CompactRange tree) {
        this.settings = settings;
        this.signer = signer;
        this.hasher = hasher;
        this.tree = tree;
        this.encoder = new RecordEncoder(settings.redactQuery());
    }

    static SegmentWriter resume(AuditSettings settings, CheckpointSigner signer, MerkleHasher hasher,
                                Recovery.State state) throws IOException {
        SegmentWriter w = new SegmentWriter(settings, signer, hasher, state.tree());
        w.checkpoints = CheckpointStore.openForAppend(settings.dir());
        w.lastCheckpointSize = state.lastCheckpointSize();
        w.lastCheckpointMillis = settings.clock().millis();
        if (state.segment() == null) {
            w.startSegment();
        } else {
            w.channel = FileChannel.open(state.segment(), StandardOpenOption.WRITE);
            w.channel.position(state.segmentBytes());
            w.segmentStart = SegmentFiles.nameIndex(state.segment());
            w.segmentBytes = state.segmentBytes();
        }
        // Records recovered after a crash were durable but may not be checkpointed yet.
        w.maybeCheckpoint(true);
        return w;
    }

    /** Records written so far (durable or not). */
    long size() {
        return tree.size();
    }

    void write(AuditRecord r) throws IOException {
        ByteSink payload = encoder.encode(r);
        if (payload.len > Frames.MAX_PAYLOAD) {
            throw new IOException("audit record of " + payload.len + " bytes exceeds " + Frames.MAX_PAYLOAD);
        }
        int frame = Frames.HEADER + payload.len + Frames.TRAILER;
        if (segmentBytes + frame > settings.segmentMaxBytes() && tree.size() > segmentStart) {
            roll();
        }
        long seq = tree.size();
        if (frame > buffer.remaining()) {
            drain();
        }
        if (frame > buffer.capacity()) {
            ByteBuffer big = ByteBuffer.allocate(frame);
            Frames.write(big, seq, payload.buf, payload.len, crc);
            writeFully(big.flip());
        } else {
            Frames.write(buffer, seq, payload.buf, payload.len, crc);
        }
        tree.append(hasher.leaf(payload.buf, 0, payload.len));
        segmentBytes += frame;
    }

    /** Makes everything written durable. */
    void sync() throws IOException {
        drain();
        channel.force(false);
    }

    /** Signs a checkpoint of the durable records if one is due (or {@code force}d) and there is something new. */
    void maybeCheckpoint(boolean force) throws IOException {
        long now = settings.clock().millis();
        boolean due = force || now - lastCheckpointMillis >= settings.checkpointInterval().toMillis();
        if (!due || tree.size() == lastCheckpointSize) {
            return;
        }
        sync();
        checkpoints.append(signer.sign(tree.size(), tree.root(), Instant.ofEpochMilli(now)));
        lastCheckpointSize = tree.size();
        lastCheckpointMillis = now;
    }

    private void roll() throws IOException {
        maybeCheckpoint(true); // the next segment's start is anchored by a checkpoint of exactly that size
        channel.close();
        startSegment();
        checkpoints.close();
        int deleted = RetentionSweep.run(settings.dir(), settings.retention(), settings.clock().millis());
        if (deleted > 0) {
            log.info("audit retention deleted {} segment(s)", deleted);
        }
        checkpoints = CheckpointStore.openForAppend(settings.dir());
    }

    private void startSegment() throws IOException {
        segmentStart = tree.size();
        Path file = SegmentFiles.segment(settings.dir(), segmentStart);
        channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        SegmentHeader header = new SegmentHeader(segmentStart, settings.clock().millis(), tree.frontier());
        writeFully(header.encode());
        channel.force(true);
        SegmentFiles.syncDirectory(settings.dir());
        segmentBytes = header.size();
    }

    private void drain() throws IOException {
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    void closeQuietly() {
        try {
            sync();
        } catch (IOException | RuntimeException e) {
            log.warn("audit segment close failed", e);
        }
        try {
            channel.close();
            checkpoints.close();
        } catch (IOException e) {
            log.warn("audit segment close failed", e);
        }
    }
}
