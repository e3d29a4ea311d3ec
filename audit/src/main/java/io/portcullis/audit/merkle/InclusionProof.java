package io.portcullis.audit.merkle;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.util.List;

/**
 * An RFC 9162 inclusion proof: the audit path showing that the leaf at {@code leafIndex} is in the tree of
 * {@code treeSize} leaves. Indexes and sizes are unsigned 64-bit values, as in the RFC.
 *
 * <p>{@link #verify} follows RFC 9162 section 2.1.3.2 and additionally requires every hash to be 32 bytes and the
 * path to have exactly the length the index and size imply, so padding or truncating a proof never passes.
 */
public record InclusionProof(long leafIndex, long treeSize, List<byte[]> path) {

    public InclusionProof {
        requireNonNull(path, "path");
        path = List.copyOf(path);
    }

    /** Checks that {@code leafHash} is at {@link #leafIndex()} in the tree whose root is {@code root}. */
    public void verify(MerkleHasher hasher, byte[] leafHash, byte[] root) throws InvalidProofException {
        requireNonNull(hasher, "hasher");
        if (Long.compareUnsigned(leafIndex, treeSize) >= 0) {
            throw new InvalidProofException("leafIndex: " + Long.toUnsignedString(leafIndex)
                    + " (expected: < treeSize " + Long.toUnsignedString(treeSize) + ")");
        }
        requireHash("leafHash", leafHash);
        requireHash("root", root);
        byte[] computed = rootFrom(hasher, leafHash);
        if (!MessageDigest.isEqual(computed, root)) {
            throw new InvalidProofException("root: the path leads to a different root (expected: the given root)");
        }
    }

    private byte[] rootFrom(MerkleHasher hasher, byte[] leafHash) throws InvalidProofException {
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        int i = 0;
        for (byte[] p : path) {
            requireHash("path[" + i + "]", p);
            if (sn == 0) {
                throw new InvalidProofException("path: " + path.size() + " hashes (expected: " + i + ")");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = hasher.node(p, r);
                // Skip the levels where this node is the right edge and has no sibling.
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = hasher.node(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
            i++;
        }
        if (sn != 0) {
            throw new InvalidProofException("path: " + path.size() + " hashes (expected: more for a tree of "
                    + Long.toUnsignedString(treeSize) + ")");
        }
        return r;
    }

    static void requireHash(String name, byte[] hash) throws InvalidProofException {
        if (hash == null || hash.length != MerkleHasher.HASH_SIZE) {
            throw new InvalidProofException(name + ": " + (hash == null ? "missing" : hash.length + " bytes")
                    + " (expected: 32 bytes)");
        }
    }
}
