package io.portcullis.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link CompactRange#appendLeaf}, which hashes into the range's own arrays, grows the same tree as appending
 * separately computed leaf hashes, and what the range hands out (roots, frontiers) never changes afterwards.
 */
class CompactRangeProperties {

    private final MerkleHasher hasher = new MerkleHasher();

    @Property(tries = 60)
    void hashingInPlaceGivesTheRootsOfSeparateLeafHashes(@ForAll @IntRange(min = 0, max = 300) int size,
                                                         @ForAll @IntRange(min = 0, max = 40) int offset) {
        CompactRange inPlace = new CompactRange(hasher);
        CompactRange separate = new CompactRange(hasher);
        List<byte[]> roots = new ArrayList<>();
        List<byte[]> copies = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            byte[] data = framed(offset, "record-" + i);
            inPlace.appendLeaf(data, offset, data.length - offset - 3);
            separate.append(hasher.leaf(java.util.Arrays.copyOfRange(data, offset, data.length - 3)));
            byte[] root = inPlace.root();
            assertThat(root).isEqualTo(separate.root());
            roots.add(root);
            copies.add(root.clone());
        }
        assertThat(roots).containsExactlyElementsOf(copies); // later appends left earlier roots alone
        assertThat(CompactRange.resume(hasher, size, inPlace.frontier()).root()).isEqualTo(separate.root());
    }

    /** The record's bytes between {@code offset} bytes of one kind and 3 bytes of another, as in a frame. */
    private static byte[] framed(int offset, String record) {
        byte[] payload = record.getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[offset + payload.length + 3];
        java.util.Arrays.fill(data, (byte) 0x55);
        System.arraycopy(payload, 0, data, offset, payload.length);
        return data;
    }
}
