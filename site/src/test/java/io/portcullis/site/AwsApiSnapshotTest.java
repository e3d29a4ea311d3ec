package io.portcullis.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One API Gateway API's page of the AWS estate ({@link Sites#aws}): {@code seedfixed1} (open through one endpoint,
 * closed through the others, a resource policy and an endpoint policy in plain words), its diagram (SVG, DOT,
 * Mermaid), a group page that reaches it and the index, byte for byte against the golden copy in
 * {@code src/test/resources/io/portcullis/site/aws}; and the whole AWS site written twice is the same bytes.
 * Regenerate with {@code -Dsite.updateSnapshots=true} as for {@link TradingSnapshotTest}, then review the diff.
 */
class AwsApiSnapshotTest {

    private static final Path GOLDEN = Path.of("src/test/resources/io/portcullis/site/aws");
    private static final Path ACTUAL = Path.of("target/site-snapshot/aws");
    private static final List<String> FILES = List.of("aws-apis/seedfixed1.html", "aws-apis/seedfixed1.md",
            "diagrams/aws-api-seedfixed1.dot", "diagrams/aws-api-seedfixed1.mmd", "diagrams/aws-api-seedfixed1.svg",
            "groups/111111111111_sg-app-a.md", "index.md");

    @Test
    void anAwsApiPageAndItsDiagramMatchTheirGoldenCopy(@TempDir Path out) throws IOException {
        LivingDocs.Result r = Sites.write(Sites.aws(), out, true);
        assertThat(r.svg()).isTrue();
        for (String f : FILES) {
            copy(out.resolve(f), ACTUAL.resolve(f));
            if (Boolean.getBoolean("site.updateSnapshots")) {
                copy(out.resolve(f), GOLDEN.resolve(f));
            }
        }
        for (String f : FILES) {
            assertThat(Files.readString(out.resolve(f), StandardCharsets.UTF_8)).as("%s (diff -r site/%s site/%s)", f, GOLDEN, ACTUAL)
                    .isEqualTo(Files.readString(GOLDEN.resolve(f), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theSameAwsEstateGivesTheSameBytes(@TempDir Path dir) throws IOException {
        Sites.write(Sites.aws(), dir.resolve("a"), true);
        Sites.write(Sites.aws(), dir.resolve("b"), true);
        Map<String, byte[]> first = TradingSnapshotTest.files(dir.resolve("a"));
        Map<String, byte[]> again = TradingSnapshotTest.files(dir.resolve("b"));
        assertThat(again.keySet()).containsExactlyElementsOf(first.keySet()).contains("aws-apis/seedopen01.html",
                "aws-apis/nopolicy01.md", "diagrams/aws-api-regional01.svg");
        first.forEach((f, bytes) -> assertThat(again.get(f)).as(f).isEqualTo(bytes));
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
