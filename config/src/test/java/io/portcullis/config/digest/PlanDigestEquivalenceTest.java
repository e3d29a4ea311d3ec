package io.portcullis.config.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rewrites that change how a configuration is written but not what it enforces keep the digest. */
class PlanDigestEquivalenceTest {

    @TempDir
    Path tmp;

    private Path base;
    private PlanDigest baseDigest;

    @BeforeEach
    void richConfiguration() {
        base = ConfigDir.rich(tmp.resolve("base"));
        baseDigest = ConfigDir.digest(base);
    }

    private PlanDigest rewritten(String name, UnaryOperator<Map<String, ObjectNode>> rewrite) {
        Path dir = tmp.resolve(name);
        ConfigDir.copy(base, dir);
        ConfigDir.write(dir, rewrite.apply(ConfigDir.read(base)));
        return ConfigDir.digest(dir);
    }

    private static Map<String, ObjectNode> eachFile(Map<String, ObjectNode> files, UnaryOperator<JsonNode> edit) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        files.forEach((name, tree) -> out.put(name, (ObjectNode) edit.apply(tree)));
        return out;
    }

    @Test
    void loadingTwiceGivesTheSameDigestAndCanonicalForm() {
        PlanDigest again = ConfigDir.digest(base);
        assertThat(again).isEqualTo(baseDigest);
        assertThat(again.canonicalJson()).isEqualTo(baseDigest.canonicalJson());
    }

    @Test
    void mappingKeysInAnotherOrderKeepTheDigest() {
        assertThat(rewritten("keys", f -> eachFile(f, YamlEdits::reverseKeys))).isEqualTo(baseDigest);
    }

    @Test
    void unorderedListsReversedKeepTheDigest() {
        assertThat(rewritten("sets", f -> eachFile(f, t -> YamlEdits.reorderSets(t, YamlEdits.reversed()))))
                .isEqualTo(baseDigest);
    }

    @Test
    void oneFileOrOneFilePerItemKeepsTheDigest() {
        assertThat(rewritten("one", YamlEdits::oneFile)).isEqualTo(baseDigest);
        assertThat(rewritten("split", f -> YamlEdits.filePerItem(f, YamlEdits.reversed()))).isEqualTo(baseDigest);
    }

    @Test
    void commentsAddedAndRemovedKeepTheDigest() throws IOException {
        Path dir = tmp.resolve("comments");
        ConfigDir.copy(base, dir);
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                String text = ConfigDir.readString(p);
                ConfigDir.writeString(p, "# reviewed\n" + text.replace("\n", "\n    # a comment line at any indent\n"));
            }
        }
        assertThat(ConfigDir.digest(dir)).isEqualTo(baseDigest);
        // writing the trees back as YAML drops every comment
        assertThat(rewritten("uncommented", f -> f)).isEqualTo(baseDigest);
    }

    @Test
    void anchorsAndMergeKeysEqualTheWrittenOutForm() {
        Path dir = tmp.resolve("anchors");
        ConfigDir.copy(base, dir);
        Path network = dir.resolve("network.yaml");
        String text = ConfigDir.readString(network)
                .replace("cidrs: [10.10.0.0/16] }\n  - { id: vpc-platform", "cidrs: &trading-space [10.10.0.0/16] }\n  - { id: vpc-platform")
                .replace("{ id: vpc-sandbox,   account: \"333333333333\", cidrs: [10.10.0.0/16] }",
                        "{ id: vpc-sandbox,   account: \"333333333333\", cidrs: *trading-space }");
        assertThat(text).contains("*trading-space");
        ConfigDir.writeString(network, text);
        Path groups = dir.resolve("groups.yaml");
        String g = ConfigDir.readString(groups)
                .replace("      - protocol: tcp\n        ports: 8443\n        from: { group: sg-trading-clients }",
                        "      - &orders-port\n        protocol: tcp\n        ports: 8443\n        from: { group: sg-trading-clients }")
                .replace("      - protocol: tcp\n        ports: 8443\n        from: { group: \"222222222222/sg-batch\" }",
                        "      - <<: *orders-port\n        from: { group: \"222222222222/sg-batch\" }");
        assertThat(g).contains("<<: *orders-port");
        ConfigDir.writeString(groups, g);
        assertThat(ConfigDir.digest(dir)).isEqualTo(baseDigest);
    }

    @Test
    void referencedFilesMovedWithTheSameBytesKeepTheDigest() throws IOException {
        Path dir = tmp.resolve("moved");
        ConfigDir.copy(base, dir);
        Path elsewhere = Files.createDirectories(dir.resolve("secrets/elsewhere"));
        Map<String, String> moves = Map.of("keys/idp-jwks.json", "secrets/elsewhere/jwks-v1.json",
                "tls/server.pem", "secrets/elsewhere/cert.pem", "tls/server.key", "secrets/elsewhere/k.pem",
                "policies/reports.json", "secrets/elsewhere/policy.json", "keys/audit-signing.key", "signing.key");
        for (Map.Entry<String, String> m : moves.entrySet()) {
            Files.move(dir.resolve(m.getKey()), dir.resolve(m.getValue()));
        }
        for (String yaml : new String[] {"apis.yaml", "reports.yaml", "node.yaml"}) {
            String text = ConfigDir.readString(dir.resolve(yaml));
            for (Map.Entry<String, String> m : moves.entrySet()) {
                text = text.replace(m.getKey(), m.getValue());
            }
            ConfigDir.writeString(dir.resolve(yaml), text);
        }
        assertThat(elsewhere).isNotEmptyDirectory();
        assertThat(ConfigDir.digest(dir)).isEqualTo(baseDigest);
    }

    @Test
    void theWholeConfigurationElsewhereKeepsTheDigest() {
        Path dir = tmp.resolve("a/b/c/elsewhere");
        ConfigDir.copy(base, dir);
        assertThat(ConfigDir.digest(dir)).isEqualTo(baseDigest);
    }

    @Property(tries = 25)
    void anyLayoutOfTheSameConfigurationHasTheSameDigest(@ForAll long seed) throws IOException {
        Path root = Files.createTempDirectory("plan-digest-");
        try {
            Path from = ConfigDir.rich(root.resolve("base"));
            PlanDigest expected = ConfigDir.digest(from);
            Random random = new Random(seed);
            Map<String, ObjectNode> files = eachFile(ConfigDir.read(from),
                    t -> YamlEdits.shuffleKeys(YamlEdits.reorderSets(t, YamlEdits.shuffled(random)), random));
            Path dir = root.resolve("shuffled");
            ConfigDir.copy(from, dir);
            ConfigDir.write(dir, random.nextBoolean() ? YamlEdits.filePerItem(files, YamlEdits.shuffled(random)) : files);
            assertThat(ConfigDir.digest(dir)).isEqualTo(expected);
        } finally {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
