package io.portcullis.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.site.map.ReachabilityMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site of examples/trading, every page, diagram (SVG, DOT, Mermaid) and asset, byte for byte against the golden
 * copy in {@code src/test/resources/io/portcullis/site/trading}; and the same plan written twice gives the same
 * bytes. After a deliberate change, regenerate the golden copy (docs/living-docs.md#tests):
 * {@code mvn -B -ntp -o -pl site -am test -Dtest=TradingSnapshotTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dsite.updateSnapshots=true}, then review the diff.
 */
class TradingSnapshotTest {

    private static final Path GOLDEN = Path.of("src/test/resources/io/portcullis/site/trading");
    private static final Path ACTUAL = Path.of("target/site-snapshot/trading");

    @Test
    void theTradingSiteMatchesItsGoldenCopy(@TempDir Path out) throws IOException {
        LivingDocs.Result r = Sites.write(Sites.trading(), Sites.tradingSources(), out, true);
        assertThat(r.svg()).isTrue();
        // the map's renderer is written as it is in the jar: checked against it here, not kept as a golden copy
        for (String name : ReachabilityMap.RENDERER_FILES) {
            Path written = out.resolve("assets").resolve(name);
            assertThat(Files.readAllBytes(written)).as("assets/%s", name).isEqualTo(ReachabilityMap.renderer(name));
            Files.delete(written);
        }
        Map<String, byte[]> actual = files(out);
        if (Boolean.getBoolean("site.updateSnapshots")) {
            replace(GOLDEN, out);
        }
        replace(ACTUAL, out);
        Map<String, byte[]> golden = files(GOLDEN);
        assertThat(actual.keySet()).as("the files of the site (actual copy in site/%s)", ACTUAL).containsExactlyElementsOf(golden.keySet());
        for (String f : golden.keySet()) {
            assertThat(new String(actual.get(f), java.nio.charset.StandardCharsets.UTF_8))
                    .as("%s (diff -r site/%s site/%s)", f, GOLDEN, ACTUAL)
                    .isEqualTo(new String(golden.get(f), java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(actual).containsKeys("index.html", "index.md", "exceptions.html", "estate.html", "apis/orders.html",
                "apis/orders.md", "groups/111111111111_sg-traders.html", "diagrams/api-orders.svg", "diagrams/api-orders.dot",
                "diagrams/api-orders.mmd", "diagrams/estate.svg", "search-index.json", "search-index.js", "assets/site.css");
    }

    @Test
    void thesamePlanGivesTheSameBytesAndARewriteReplacesTheOldSite(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Sites.write(Sites.trading(), Sites.tradingSources(), a, true);
        Sites.write(Sites.trading(), Sites.tradingSources(), b, true);
        Files.writeString(b.resolve("apis/removed-api.html"), "a page of an API no longer in the plan");
        Sites.write(Sites.trading(), Sites.tradingSources(), b, true);

        Map<String, byte[]> first = files(a);
        Map<String, byte[]> again = files(b);
        assertThat(again.keySet()).containsExactlyElementsOf(first.keySet());
        first.forEach((f, bytes) -> assertThat(again.get(f)).as(f).isEqualTo(bytes));
    }

    @Test
    void refusesAFolderThatIsNotASite(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Sites.write(Sites.trading(), Sites.tradingSources(), dir, false))
                .isInstanceOf(IOException.class).hasMessage(dir + ": not empty and not a site portcullis docs wrote (expected: a new "
                        + "or empty directory, or a previous site, which holds .portcullis-docs)");
        assertThat(Files.readString(dir.resolve("notes.txt"))).isEqualTo("mine");
    }

    /** Every file under {@code root} by its relative path with forward slashes, sorted. */
    static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return out;
    }

    private static void replace(Path target, Path from) throws IOException {
        if (Files.isDirectory(target)) {
            try (Stream<Path> s = Files.walk(target)) {
                List<Path> all = new ArrayList<>(s.sorted(Comparator.reverseOrder()).toList());
                for (Path p : all) {
                    Files.delete(p);
                }
            }
        }
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = target.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
