package io.portcullis.audit.merkle;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 9162 section 2.1.1 hashing with SHA-256: a leaf hashes as {@code SHA-256(0x00 || data)}, an interior node as
 * {@code SHA-256(0x01 || left || right)}. The distinct prefixes keep a leaf from ever passing as a node.
 *
 * <p>An instance owns one {@link MessageDigest} and is therefore not thread-safe; each thread that hashes (the log
 * writer, a verifier) holds its own.
 */
public final class MerkleHasher {

    /** Size in bytes of every hash this class produces. */
    public static final int HASH_SIZE = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private final MessageDigest sha256;

    public MerkleHasher() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The leaf hash of {@code data[offset, offset + length)}. */
    public byte[] leaf(byte[] data, int offset, int length) {
        sha256.update(LEAF_PREFIX);
        sha256.update(data, offset, length);
        return sha256.digest();
    }

    /** The leaf hash of {@code data[offset, offset + length)}, written into {@code out[0, 32)}; allocates nothing. */
    public void leaf(byte[] data, int offset, int length, byte[] out) {
        sha256.update(LEAF_PREFIX);
        sha256.update(data, offset, length);
        digestInto(out);
    }

    /** The hash of the node over {@code left} and {@code right}, into {@code out} (which may be either of them). */
    public void node(byte[] left, byte[] right, byte[] out) {
        sha256.update(NODE_PREFIX);
        sha256.update(left);
        sha256.update(right);
        digestInto(out);
    }

    private void digestInto(byte[] out) {
        try {
            sha256.digest(out, 0, HASH_SIZE);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 into a 32-byte array", e);
        }
    }

    public byte[] leaf(byte[] data) {
        return leaf(data, 0, data.length);
    }

    /** The hash of an interior node whose children hash to {@code left} and {@code right}. */
    public byte[] node(byte[] left, byte[] right) {
        sha256.update(NODE_PREFIX);
        sha256.update(left);
        sha256.update(right);
        return sha256.digest();
    }

    /** The root of the empty tree: the hash of the empty string. */
    public byte[] emptyRoot() {
        return sha256.digest();
    }
}
