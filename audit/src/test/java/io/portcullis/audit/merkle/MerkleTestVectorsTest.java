package io.portcullis.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.testing.TestData;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The transparency-dev/merkle proof vectors in ../shared/testdata/merkle: exactly the {@code "wantErr": false} cases
 * must verify.
 */
class MerkleTestVectorsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> inclusionProofsVerifyExactlyWhenValid() throws IOException {
        return cases("merkle/inclusion", 98, (c) -> new InclusionProof(unsigned(c.get("leafIdx")),
                unsigned(c.get("treeSize")), hashes(c.get("proof"))).verify(new MerkleHasher(),
                bytes(c.get("leafHash")), bytes(c.get("root"))));
    }

    @TestFactory
    Stream<DynamicTest> consistencyProofsVerifyExactlyWhenValid() throws IOException {
        return cases("merkle/consistency", 98, (c) -> new ConsistencyProof(unsigned(c.get("size1")),
                unsigned(c.get("size2")), hashes(c.get("proof"))).verify(new MerkleHasher(),
                bytes(c.get("root1")), bytes(c.get("root2"))));
    }

    interface Check {
        void run(JsonNode c) throws InvalidProofException;
    }

    private Stream<DynamicTest> cases(String sub, int atLeast, Check check) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(TestData.path(sub))) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(atLeast);
        return files.stream().map(file -> DynamicTest.dynamicTest(TestData.path(sub).relativize(file).toString(), () -> {
            JsonNode c = MAPPER.readTree(file.toFile());
            boolean wantErr = c.get("wantErr").asBoolean();
            try {
                check.run(c);
                assertThat(wantErr).as("accepted %s (%s)", file, c.get("desc")).isFalse();
            } catch (InvalidProofException e) {
                assertThat(wantErr).as("rejected %s (%s): %s", file, c.get("desc"), e.getMessage()).isTrue();
            }
        }));
    }

    private static long unsigned(JsonNode n) {
        return new BigInteger(n.asText()).longValue(); // two's complement keeps the unsigned 64-bit value
    }

    private static byte[] bytes(JsonNode n) {
        return n == null || n.isNull() ? null : Base64.getDecoder().decode(n.asText());
    }

    private static List<byte[]> hashes(JsonNode n) {
        List<byte[]> out = new ArrayList<>();
        if (n != null && !n.isNull()) {
            n.forEach(h -> out.add(bytes(h)));
        }
        return out;
    }
}
