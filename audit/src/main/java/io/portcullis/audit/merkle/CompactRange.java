package io.portcullis.audit.merkle;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of a Merkle tree: enough state to append leaves and compute the root of the tree so far.
 *
 * <p>Design note: the tree of {@code size} leaves is the concatenation of perfect subtrees, one per set bit of
 * {@code size}, largest first. We keep exactly their roots ({@code popcount(size)} hashes, at most 64) in a stack.
 * Appending a leaf pushes it and merges equal-sized neighbours, as a binary counter carries: amortised one node hash
 * per leaf, worst case 64. {@link #root()} folds the stack right to left (RFC 9162 MTH for an unbalanced tree) in
 * {@code popcount(size) - 1} hashes without changing state. Not thread-safe: one owner at a time.
 */
public final class CompactRange {

    private final MerkleHasher hasher;
    private final byte[][] stack = new byte[64][];
    private int depth;
    private long size;

    public CompactRange(MerkleHasher hasher) {
        this.hasher = requireNonNull(hasher, "hasher");
    }

    /**
     * Resumes a tree of {@code size} leaves from its frontier (the perfect-subtree roots, largest first), as written
     * at the head of a segment file.
     */
    public static CompactRange resume(MerkleHasher hasher, long size, List<byte[]> frontier) {
        if (size < 0) {
            throw new IllegalArgumentException("size: " + size + " (expected: >= 0)");
        }
        if (frontier.size() != Long.bitCount(size)) {
            throw new IllegalArgumentException(
                    "frontier: " + frontier.size() + " hashes (expected: " + Long.bitCount(size) + " for size " + size + ")");
        }
        CompactRange range = new CompactRange(hasher);
        for (byte[] hash : frontier) {
            if (hash.length != MerkleHasher.HASH_SIZE) {
                throw new IllegalArgumentException("frontier hash: " + hash.length + " bytes (expected: 32)");
            }
            range.stack[range.depth++] = hash.clone();
        }
        range.size = size;
        return range;
    }

    /** Appends the leaf whose hash is {@code leafHash}. */
    public void append(byte[] leafHash) {
        byte[] carry = leafHash;
        // Each trailing one bit of size is a perfect subtree the same size as the carry: merge them.
        for (long s = size; (s & 1) == 1; s >>>= 1) {
            carry = hasher.node(stack[--depth], carry);
        }
        stack[depth++] = carry;
        size++;
    }

    public long size() {
        return size;
    }

    /** The root hash of the tree of {@link #size()} leaves. */
    public byte[] root() {
        if (depth == 0) {
            return hasher.emptyRoot();
        }
        byte[] acc = stack[depth - 1];
        for (int i = depth - 2; i >= 0; i--) {
            acc = hasher.node(stack[i], acc);
        }
        return acc;
    }

    /** The perfect-subtree roots, largest first; {@link #resume} takes them back. */
    public List<byte[]> frontier() {
        List<byte[]> out = new ArrayList<>(depth);
        for (int i = 0; i < depth; i++) {
            out.add(stack[i].clone());
        }
        return out;
    }

    @Override
    public String toString() {
        return "CompactRange[size=" + size + ']';
    }
}
