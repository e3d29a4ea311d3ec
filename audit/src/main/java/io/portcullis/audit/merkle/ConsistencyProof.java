package io.portcullis.audit.merkle;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 9162 consistency proof: the hashes showing that the tree of {@code size1} leaves is a prefix of the tree of
 * {@code size2} leaves, i.e. the log only appended between the two.
 *
 * <p>{@link #verify} follows RFC 9162 section 2.1.4.2. A proof from the empty tree proves nothing and is rejected;
 * equal sizes need an empty path and equal roots.
 */
public record ConsistencyProof(long size1, long size2, List<byte[]> path) {

    public ConsistencyProof {
        requireNonNull(path, "path");
        path = List.copyOf(path);
    }

    /** Checks that {@code root1} (tree of {@link #size1()}) and {@code root2} (tree of {@link #size2()}) agree. */
    public void verify(MerkleHasher hasher, byte[] root1, byte[] root2) throws InvalidProofException {
        requireNonNull(hasher, "hasher");
        if (size1 == 0) {
            throw new InvalidProofException("size1: 0 (expected: > 0; the empty tree is consistent with anything)");
        }
        if (Long.compareUnsigned(size1, size2) > 0) {
            throw new InvalidProofException("size1: " + Long.toUnsignedString(size1)
                    + " (expected: <= size2 " + Long.toUnsignedString(size2) + ")");
        }
        if (size1 == size2) {
            if (!path.isEmpty()) {
                throw new InvalidProofException("path: " + path.size() + " hashes (expected: none for equal sizes)");
            }
            if (root1 == null || !MessageDigest.isEqual(root1, root2)) {
                throw new InvalidProofException("root2: differs from root1 (expected: equal roots for equal sizes)");
            }
            return;
        }
        InclusionProof.requireHash("root1", root1);
        InclusionProof.requireHash("root2", root2);
        if (path.isEmpty()) {
            throw new InvalidProofException("path: empty (expected: hashes for sizes "
                    + Long.toUnsignedString(size1) + " < " + Long.toUnsignedString(size2) + ")");
        }
        List<byte[]> nodes = new ArrayList<>(path.size() + 1);
        if ((size1 & (size1 - 1)) == 0) {
            nodes.add(root1); // size1 is a power of two: its root is the first node of the path.
        }
        nodes.addAll(path);
        for (int i = 0; i < nodes.size(); i++) {
            InclusionProof.requireHash("path[" + i + "]", nodes.get(i));
        }
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        byte[] fr = nodes.get(0);
        byte[] sr = nodes.get(0);
        for (int i = 1; i < nodes.size(); i++) {
            byte[] c = nodes.get(i);
            if (sn == 0) {
                throw new InvalidProofException("path: " + path.size() + " hashes (expected: fewer)");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = hasher.node(c, fr);
                sr = hasher.node(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                sr = hasher.node(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new InvalidProofException("path: " + path.size() + " hashes (expected: more)");
        }
        if (!MessageDigest.isEqual(fr, root1)) {
            throw new InvalidProofException("root1: the path does not lead to it");
        }
        if (!MessageDigest.isEqual(sr, root2)) {
            throw new InvalidProofException("root2: the path does not lead to it");
        }
    }
}
