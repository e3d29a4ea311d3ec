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
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes records into the active segment; used only by the writer thread.
 *
 * <p>Design note: a record is encoded straight into a reused heap frame (no copy of the payload, no allocation),
 * sealed with its header and CRC, hashed into the tree from the same bytes, and copied once into a 1 MiB direct
 * buffer that is written when full and at every {@link #flush()}, so a batch costs a few {@code write} calls;
 * {@link Durability} fsyncs on its own thread. The Merkle tree's compact range advances with every record, so a
 * flush point carries the exact root of what it covers. A segment that would grow beyond {@code segmentMaxBytes}
 * is made durable, checkpointed and closed, the next one starts with the tree's frontier in its header, and
 * retention runs.
 */
final class SegmentWriter {

    private static final Logger log = LoggerFactory.getLogger(SegmentWriter.class);

    private final AuditSettings settings;
    private final MerkleHasher hasher;
    private final CompactRange tree;
    private final RecordEncoder encoder;
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    /** One frame at a time: header, the payload encoded in place, CRC; then copied into {@link #buffer}. */
    private final ByteSink frame = new ByteSink(4096);
    private Durability durability;
    private FileChannel channel;
    private long segmentStart;
    private long segmentBytes;

    private SegmentWriter(AuditSettings settings, MerkleHasher hasher, CompactRange tree) {
        this.settings = settings;
        this.hasher = hasher;
        this.tree = tree;
        this.encoder = new RecordEncoder(settings.redactQuery());
    }

    static SegmentWriter resume(AuditSettings settings, CheckpointSigner signer, MerkleHasher hasher,
                                Recovery.State state) throws IOException {
        SegmentWriter w = new SegmentWriter(settings, hasher, state.tree());
        if (state.segment() == null) {
            w.startSegment();
        } else {
            w.channel = FileChannel.open(state.segment(), StandardOpenOption.WRITE);
            w.channel.position(state.segmentBytes());
            w.segmentStart = SegmentFiles.nameIndex(state.segment());
            w.segmentBytes = state.segmentBytes();
            w.channel.force(false); // what a killed process left in the page cache is not durable yet
        }
        // Recovered records are durable (recovery fsynced the cut) but may not be checkpointed yet.
        w.durability = new Durability(settings, signer, w.flush(), state.lastCheckpointSize());
        w.durability.syncTo(w.flush(), true);
        return w;
    }

    Durability durability() {
        return durability;
    }

    /** The point that opening made durable: the recovered records. */
    Durability.FlushPoint flushPointAtOpen() throws IOException {
        return flush();
    }

    /** Records written so far (durable or not). */
    long size() {
        return tree.size();
    }

    void write(AuditRecord r) throws IOException {
        frame.reset();
        frame.ensure(Frames.HEADER);
        frame.len = Frames.HEADER; // the payload is encoded in place, after the frame header
        encoder.encode(r, frame);
        int length = frame.len - Frames.HEADER;
        if (length > Frames.MAX_PAYLOAD) {
            throw new IOException("audit record of " + length + " bytes exceeds " + Frames.MAX_PAYLOAD);
        }
        int size = Frames.HEADER + length + Frames.TRAILER;
        if (segmentBytes + size > settings.segmentMaxBytes() && tree.size() > segmentStart) {
            roll();
        }
        frame.ensure(Frames.TRAILER);
        Frames.seal(frame.buf, tree.size(), length, crc);
        if (size > buffer.remaining()) {
            drain();
        }
        if (size > buffer.capacity()) {
            writeFully(ByteBuffer.wrap(frame.buf, 0, size));
        } else {
            buffer.put(frame.buf, 0, size);
        }
        tree.appendLeaf(frame.buf, Frames.HEADER, length);
        segmentBytes += size;
    }

    /** Hands everything written so far to the channel and says what a sync of it would cover. */
    Durability.FlushPoint flush() throws IOException {
        drain();
        return new Durability.FlushPoint(tree.size(), tree.root(), channel);
    }

    private void roll() throws IOException {
        durability.syncTo(flush(), true); // the next segment's start is anchored by a checkpoint of exactly that size
        channel.close();
        startSegment();
        durability.rewriteCheckpoints(() -> {
            int deleted = RetentionSweep.run(settings.dir(), settings.retention(), settings.clock().millis());
            if (deleted > 0) {
                log.info("audit retention deleted {} segment(s)", deleted);
            }
        });
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
            channel.close();
            durability.close();
        } catch (IOException e) {
            log.warn("audit segment close failed", e);
        }
    }
}
