package io.portcullis.gateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.testing.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real AWS NLB PROXY v2 captures and what they must decode to (shared/testdata/proxy-v2). */
record AwsCaptures(String file, byte[] bytes, String sourceAddress, int sourcePort, String destinationAddress,
                   int destinationPort, long crc32c, String vpceId) {

    static List<AwsCaptures> all() {
        try {
            Path expected = TestData.path("proxy-v2/expected.json");
            JsonNode root = new ObjectMapper().readTree(expected.toFile());
            List<AwsCaptures> cases = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                cases.add(new AwsCaptures(c.get("file").asText(),
                        Files.readAllBytes(expected.resolveSibling(c.get("file").asText())),
                        c.get("sourceAddress").asText(), c.get("sourcePort").asInt(),
                        c.get("destinationAddress").asText(), c.get("destinationPort").asInt(),
                        Long.parseLong(c.get("crc32c").asText(), 16), c.get("awsVpceId").asText()));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return file;
    }
}
