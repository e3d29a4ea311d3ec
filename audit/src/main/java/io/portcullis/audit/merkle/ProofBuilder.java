package io.portcullis.audit.merkle;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds RFC 9162 inclusion and consistency proofs (sections 2.1.3.1 and 2.1.4.1) over a log whose first
 * {@code base} leaves may have been removed by retention.
 *
 * <p>Design note: the removed prefix is represented by its frontier (one perfect-subtree root per set bit of
 * {@code base}); every subtree a proof needs that lies wholly inside the prefix is exactly one of those roots, so
 * proofs for retained leaves never need a removed leaf. Retained leaf hashes sit in one flat array (32 bytes per
 * leaf). A proof costs O(n) hashing, as every sibling subtree is hashed once.
 */
public final class ProofBuilder {

    private final MerkleHasher hasher;
    private final long base;
    private final List<byte[]> frontier;
    private final byte[] leaves;
    private final long size;

    /**
     * @param base     number of leading leaves no longer present
     * @param frontier the perfect-subtree roots of the first {@code base} leaves, largest first
     * @param leaves   the hashes of leaves {@code base, base + 1, ...}, 32 bytes each, concatenated
     */
    public ProofBuilder(MerkleHasher hasher, long base, List<byte[]> frontier, byte[] leaves) {
        this.hasher = requireNonNull(hasher, "hasher");
        if (frontier.size() != Long.bitCount(base)) {
            throw new IllegalArgumentException("frontier: " + frontier.size() + " hashes (expected: "
                    + Long.bitCount(base) + " for base " + base + ")");
        }
        if (leaves.length % MerkleHasher.HASH_SIZE != 0) {
            throw new IllegalArgumentException("leaves: " + leaves.length + " bytes (expected: a multiple of 32)");
        }
        this.base = base;
        this.frontier = List.copyOf(frontier);
        this.leaves = leaves;
        this.size = base + leaves.length / MerkleHasher.HASH_SIZE;
    }

    /** Leaves in the tree, including the removed prefix. */
    public long size() {
        return size;
    }

    /** The root of the tree of the first {@code treeSize} leaves. */
    public byte[] root(long treeSize) {
        checkSize(treeSize);
        return treeSize == 0 ? hasher.emptyRoot() : hash(0, treeSize);
    }

    /** The leaf hash at {@code index}, which must not have been removed. */
    public byte[] leafHash(long index) {
        if (index < base || index >= size) {
            throw new IllegalArgumentException("index: " + index + " (expected: in [" + base + ", " + size + "))");
        }
        int off = Math.toIntExact((index - base) * MerkleHasher.HASH_SIZE);
        return Arrays.copyOfRange(leaves, off, off + MerkleHasher.HASH_SIZE);
    }

    /** The inclusion proof of leaf {@code index} in the tree of the first {@code treeSize} leaves. */
    public InclusionProof inclusion(long index, long treeSize) {
        checkSize(treeSize);
        if (index < base || index >= treeSize) {
            throw new IllegalArgumentException("index: " + index + " (expected: in [" + base + ", " + treeSize + "))");
        }
        List<byte[]> path = new ArrayList<>();
        path(index, 0, treeSize, path);
        return new InclusionProof(index, treeSize, path);
    }

    /** The consistency proof between the trees of the first {@code size1} and {@code size2} leaves. */
    public ConsistencyProof consistency(long size1, long size2) {
        checkSize(size2);
        if (size1 <= 0 || size1 > size2) {
            throw new IllegalArgumentException("size1: " + size1 + " (expected: in [1, " + size2 + "])");
        }
        List<byte[]> path = new ArrayList<>();
        subproof(size1, 0, size2, true, path);
        return new ConsistencyProof(size1, size2, path);
    }

    private void path(long m, long lo, long hi, List<byte[]> out) {
        if (hi - lo == 1) {
            return;
        }
        long k = splitPoint(hi - lo);
        if (m - lo < k) {
            path(m, lo, lo + k, out);
            out.add(hash(lo + k, hi));
        } else {
            path(m, lo + k, hi, out);
            out.add(hash(lo, lo + k));
        }
    }

    private void subproof(long m, long lo, long hi, boolean startsAtOldRoot, List<byte[]> out) {
        if (m == hi - lo) {
            if (!startsAtOldRoot) {
                out.add(hash(lo, hi));
            }
            return;
        }
        long k = splitPoint(hi - lo);
        if (m <= k) {
            subproof(m, lo, lo + k, startsAtOldRoot, out);
            out.add(hash(lo + k, hi));
        } else {
            subproof(m - k, lo + k, hi, false, out);
            out.add(hash(lo, lo + k));
        }
    }

    /** RFC 9162 MTH of leaves {@code [lo, hi)}. */
    private byte[] hash(long lo, long hi) {
        if (hi <= base) {
            byte[] block = frontierBlock(lo, hi);
            if (block != null) {
                return block;
            }
            if (hi - lo == 1) {
                throw new IllegalStateException("leaf " + lo + " was removed and is no frontier block");
            }
        } else if (hi - lo == 1) {
            return leafHash(lo);
        }
        long k = splitPoint(hi - lo);
        return hasher.node(hash(lo, lo + k), hash(lo + k, hi));
    }

    private byte[] frontierBlock(long lo, long hi) {
        long start = 0;
        int i = 0;
        for (int bit = 63; bit >= 0; bit--) {
            long width = 1L << bit;
            if ((base & width) == 0) {
                continue;
            }
            if (start == lo && start + width == hi) {
                return frontier.get(i);
            }
            start += width;
            i++;
        }
        return null;
    }

    /** The largest power of two smaller than {@code n} (n > 1). */
    private static long splitPoint(long n) {
        return Long.highestOneBit(n - 1);
    }

    private void checkSize(long treeSize) {
        if (treeSize < base || treeSize > size) {
            throw new IllegalArgumentException("treeSize: " + treeSize + " (expected: in [" + base + ", " + size + "])");
        }
    }
}
