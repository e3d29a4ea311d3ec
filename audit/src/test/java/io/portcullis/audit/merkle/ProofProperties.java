package io.portcullis.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Proofs built by {@link ProofBuilder} verify, tampered ones do not, and roots agree with {@link CompactRange}. */
class ProofProperties {

    private final MerkleHasher hasher = new MerkleHasher();

    private byte[] leaves(int n) {
        ByteBuffer b = ByteBuffer.allocate(n * 32);
        for (int i = 0; i < n; i++) {
            b.put(hasher.leaf(("leaf-" + i).getBytes()));
        }
        return b.array();
    }

    @Property(tries = 150)
    void inclusionProofsOfEveryKindOfTreeVerify(@ForAll @IntRange(min = 1, max = 300) int size,
                                                @ForAll @IntRange(min = 0, max = 299) int rawIndex,
                                                @ForAll @IntRange(min = 0, max = 300) int rawBase) throws Exception {
        int index = rawIndex % size;
        int base = rawBase % (index + 1); // leaves before base were removed by retention
        ProofBuilder full = new ProofBuilder(hasher, 0, List.of(), leaves(size));
        CompactRange prefix = new CompactRange(hasher);
        byte[] all = leaves(size);
        for (int i = 0; i < base; i++) {
            prefix.append(java.util.Arrays.copyOfRange(all, i * 32, i * 32 + 32));
        }
        ProofBuilder retained = new ProofBuilder(hasher, base, prefix.frontier(),
                java.util.Arrays.copyOfRange(all, base * 32, size * 32));

        byte[] root = full.root(size);
        assertThat(retained.root(size)).isEqualTo(root);
        InclusionProof proof = retained.inclusion(index, size);
        assertThat(proof.path()).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(full.inclusion(index, size).path());
        proof.verify(hasher, full.leafHash(index), root);

        List<byte[]> tampered = new ArrayList<>(proof.path());
        if (!tampered.isEmpty()) {
            byte[] h = tampered.get(0).clone();
            h[0] ^= 1;
            tampered.set(0, h);
            assertThatThrownBy(() -> new InclusionProof(index, size, tampered).verify(hasher, full.leafHash(index), root))
                    .isInstanceOf(InvalidProofException.class);
        }
    }

    @Property(tries = 150)
    void consistencyProofsBetweenAnyTwoSizesVerify(@ForAll @IntRange(min = 1, max = 300) int size2,
                                                   @ForAll @IntRange(min = 1, max = 300) int rawSize1) throws Exception {
        int size1 = 1 + (rawSize1 - 1) % size2;
        ProofBuilder tree = new ProofBuilder(hasher, 0, List.of(), leaves(size2));
        ConsistencyProof proof = tree.consistency(size1, size2);
        proof.verify(hasher, tree.root(size1), tree.root(size2));
        if (size1 < size2) {
            byte[] wrong = tree.root(size1).clone();
            wrong[31] ^= 1;
            assertThatThrownBy(() -> proof.verify(hasher, wrong, tree.root(size2))).isInstanceOf(InvalidProofException.class);
        }
    }

    @Property(tries = 100)
    void compactRangeRootEqualsTreeRootAtEverySize(@ForAll @IntRange(min = 0, max = 200) int size) {
        CompactRange range = new CompactRange(hasher);
        byte[] all = leaves(size);
        ProofBuilder tree = new ProofBuilder(hasher, 0, List.of(), all);
        for (int i = 0; i < size; i++) {
            range.append(java.util.Arrays.copyOfRange(all, i * 32, i * 32 + 32));
        }
        assertThat(range.root()).isEqualTo(tree.root(size));
        assertThat(CompactRange.resume(hasher, size, range.frontier()).root()).isEqualTo(range.root());
    }
}
