package io.portcullis.audit.read;

import io.portcullis.audit.checkpoint.Checkpoint;
import io.portcullis.audit.checkpoint.CheckpointCodec;
import io.portcullis.audit.merkle.MerkleHasher;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Writes the audit log's JSON lines (docs/audit.md, "Reading the log out"), version 1:
 *
 * <pre>
 * {"type":"record","index":N,"leafHash":"&lt;base64&gt;","record":{...the canonical record, byte for byte...}}
 * {"type":"checkpoint","checkpoint":{"size":S,"root":"...","time":"...","keyId":"...","signature":"..."}}
 * </pre>
 *
 * The record is embedded as the exact bytes that were hashed, so {@code leafHash} is SHA-256 of 0x00 and the
 * {@code record} value's text, and {@code portcullis audit prove DIR --record N} proves it later.
 *
 * <p>Design: the bytes go from the segment reader's buffer straight to the stream; a record costs one leaf hash
 * and a few small writes. Not thread-safe.
 */
final class RecordLines {

    private static final byte[] RECORD = ascii("{\"type\":\"record\",\"index\":");
    private static final byte[] LEAF_HASH = ascii(",\"leafHash\":\"");
    private static final byte[] BODY = ascii("\",\"record\":");
    private static final byte[] END = ascii("}\n");
    private static final byte[] CHECKPOINT = ascii("{\"type\":\"checkpoint\",\"checkpoint\":");

    private final OutputStream out;
    private final MerkleHasher hasher = new MerkleHasher();
    private final Base64.Encoder base64 = Base64.getEncoder();

    RecordLines(OutputStream out) {
        this.out = out;
    }

    void record(long index, byte[] buf, int offset, int length) throws IOException {
        out.write(RECORD);
        out.write(ascii(Long.toString(index)));
        out.write(LEAF_HASH);
        out.write(base64.encode(hasher.leaf(buf, offset, length)));
        out.write(BODY);
        out.write(buf, offset, length);
        out.write(END);
    }

    void checkpoint(Checkpoint c) throws IOException {
        out.write(CHECKPOINT);
        out.write(CheckpointCodec.toLine(c).getBytes(StandardCharsets.UTF_8));
        out.write(END);
    }

    void flush() throws IOException {
        out.flush();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
