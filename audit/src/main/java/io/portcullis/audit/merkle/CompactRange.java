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
 * {@code popcount(size) - 1} hashes without changing state. Each level owns its 32-byte array, which hashes are
 * written into ({@link #appendLeaf} allocates nothing); the arrays never leave the range. Not thread-safe: one owner
 * at a time.
 */
public final class CompactRange {

    private final MerkleHasher hasher;
    private final byte[][] stack = new byte[64][MerkleHasher.HASH_SIZE];
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
            System.arraycopy(hash, 0, range.stack[range.depth++], 0, MerkleHasher.HASH_SIZE);
        }
        range.size = size;
        return range;
    }

    /** Appends the leaf whose hash is {@code leafHash}. */
    public void append(byte[] leafHash) {
        if (leafHash.length != MerkleHasher.HASH_SIZE) {
            throw new IllegalArgumentException("leafHash: " + leafHash.length + " bytes (expected: 32)");
        }
        System.arraycopy(leafHash, 0, stack[depth], 0, MerkleHasher.HASH_SIZE);
        carry();
    }

    /** Appends the leaf {@code data[offset, offset + length)}, hashing it into the range's own arrays. */
    public void appendLeaf(byte[] data, int offset, int length) {
        hasher.leaf(data, offset, length, stack[depth]);
        carry();
    }

    /**
     * The new leaf's hash is at {@code stack[depth]}: each trailing one bit of size is a perfect subtree the same
     * size as the carry, merged into the lower slot, as a binary counter carries.
     */
    private void carry() {
        for (long s = size; (s & 1) == 1; s >>>= 1) {
            depth--;
            hasher.node(stack[depth], stack[depth + 1], stack[depth]);
        }
        depth++;
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
        if (depth == 1) {
            return stack[0].clone(); // the range's own array changes with the next append
        }
        byte[] acc = hasher.node(stack[depth - 2], stack[depth - 1]);
        for (int i = depth - 3; i >= 0; i--) {
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
