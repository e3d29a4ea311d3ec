package io.portcullis.audit.checkpoint;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A signed statement that the log held {@code size} records whose RFC 9162 root is {@code root}, at {@code time}.
 * {@code keyId} names the signing key (the first 8 bytes of the SHA-256 of its encoded public key, in hex) so a
 * verifier can tell a wrong key from a forged signature.
 *
 * <p>The signature covers {@link #signedBytes()}: a fixed header line, then size, base64 root and ISO-8601 time,
 * one per line. Checkpoints are stored one JSON object per line in {@code checkpoints.log}.
 */
public record Checkpoint(long size, byte[] root, Instant time, String keyId, byte[] signature) {

    static final String HEADER = "portcullis audit checkpoint v1";

    public Checkpoint {
        if (size < 0) {
            throw new IllegalArgumentException("size: " + size + " (expected: >= 0)");
        }
        requireNonNull(root, "root");
        requireNonNull(time, "time");
        requireNonNull(keyId, "keyId");
        requireNonNull(signature, "signature");
        if (root.length != 32) {
            throw new IllegalArgumentException("root: " + root.length + " bytes (expected: 32)");
        }
        root = root.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The bytes the signature covers. */
    public byte[] signedBytes() {
        return signedBytes(size, root, time);
    }

    static byte[] signedBytes(long size, byte[] root, Instant time) {
        String text = HEADER + '\n' + size + '\n' + Base64.getEncoder().encodeToString(root) + '\n' + time + '\n';
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public String rootBase64() {
        return Base64.getEncoder().encodeToString(root);
    }

    @Override
    public String toString() {
        return "Checkpoint[size=" + size + ", root=" + rootBase64() + ", time=" + time + ", keyId=" + keyId + ']';
    }
}
