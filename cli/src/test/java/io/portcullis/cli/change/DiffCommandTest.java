package io.portcullis.cli.change;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code portcullis diff}: exit codes, the three formats, invalid input. */
class DiffCommandTest {

    private static final String AT = "2026-12-07T10:00:00Z";

    @TempDir
    Path dir;

    private Path a;
    private Path b;

    @BeforeEach
    void copy() throws IOException {
        a = copy(Path.of("../examples/trading"), dir.resolve("a"));
        b = copy(Path.of("../examples/trading"), dir.resolve("b"));
    }

    @Test
    void sameConfigurationExitsZeroAndARemovedRuleExitsOneNamingItsRule() throws IOException {
        CliRun same = CliRun.of("diff", a.toString(), b.toString(), "--at", AT);
        assertThat(same.code()).isZero();
        assertThat(same.out()).contains("no difference in access, policy, identity or limits");

        Path g = b.resolve("groups.yaml");
        Files.writeString(g, Files.readString(g).replace(
                "      - { protocol: tcp, ports: 9443, from: { group: sg-analysts }, description: analysts }\n", ""));
        CliRun text = CliRun.of("diff", a.toString(), b.toString(), "--at", AT);
        assertThat(text.code()).isEqualTo(1);
        assertThat(text.out()).contains("""
                API analytics: changed
                  lost:
                    - workload analyst-1 (333333333333) groups [333333333333/sg-analysts] tcp/9443, always
                        before: 333333333333/sg-analytics-api ingress[0]
                        after:  not admitted
                risk low
                  low  access-only-removed: only ingress rules removed: 333333333333/sg-analytics-api (1)
                """);

        CliRun markdown = CliRun.of("diff", a.toString(), b.toString(), "--at", AT, "--format", "markdown");
        assertThat(markdown.code()).isEqualTo(1);
        assertThat(markdown.out()).startsWith("### Portcullis diff: risk **low**").contains(
                "| lost | workload analyst-1 (333333333333) | 9443 | listener | always | 333333333333/sg-analytics-api ingress[0] | not admitted |");

        CliRun json = CliRun.of("diff", a.toString(), b.toString(), "--at", AT, "--format", "json");
        assertThat(json.code()).isEqualTo(1);
        JsonNode tree = new ObjectMapper().readTree(json.out());
        assertThat(tree.path("diff").path("apis").get(0).path("lost").get(0).path("sources").get(0).asText()).isEqualTo("analyst-1");
        assertThat(tree.path("risk").path("level").asText()).isEqualTo("low");
    }

    @Test
    void aGitRevisionIsReadFromTheRepositoryWithItsPathRelativeToHere() throws Exception {
        Process git = new ProcessBuilder("git", "rev-parse", "--show-toplevel").start();
        org.junit.jupiter.api.Assumptions.assumeTrue(git.waitFor() == 0, "not in a git checkout");
        CliRun same = CliRun.of("diff", "HEAD:../examples/trading", "../examples/trading", "--at", AT);
        assertThat(same.code()).as(same.err()).isZero();
        assertThat(same.out()).contains("no difference in access, policy, identity or limits");

        CliRun unknown = CliRun.of("diff", "no-such-revision:../examples/trading", "../examples/trading");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("error: no-such-revision:../examples/trading: git archive no-such-revision -- "
                + "examples/trading failed");
    }

    @Test
    void invalidInputExitsTwoWithTheProblem() {
        CliRun format = CliRun.of("diff", a.toString(), b.toString(), "--format", "yaml");
        assertThat(format.code()).isEqualTo(2);
        assertThat(format.err()).contains("error: --format: 'yaml' (expected: text, json or markdown)");

        CliRun missing = CliRun.of("diff", a.toString(), dir.resolve("nowhere").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nowhere");
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }
}
