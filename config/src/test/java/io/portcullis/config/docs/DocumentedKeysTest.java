package io.portcullis.config.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.config.docs.ConfigSchema.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The docs name only configuration keys the parser accepts: every key in a {@code yaml} block and in a key table of
 * {@code docs/*.md} (how they are found: {@link DocumentedKeys}) is checked against the keys the parser itself
 * reports it accepts ({@link ConfigSchema}). A doc that names a key the configuration refuses fails this test.
 */
class DocumentedKeysTest {

    private static final Path DOCS = Path.of("../docs");
    private static Node schema;

    @BeforeAll
    static void probeTheParser() {
        schema = ConfigSchema.probe();
    }

    @Test
    void everyKeyTheDocsNameIsOneTheParserAccepts() throws IOException {
        DocumentedKeys checker = new DocumentedKeys(schema);
        List<String> problems = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        try (Stream<Path> docs = Files.list(DOCS)) {
            for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                DocumentedKeys.Report r = checker.check("docs/" + doc.getFileName(), Files.readString(doc));
                problems.addAll(r.problems());
                tables.addAll(r.tables());
            }
        }
        assertThat(problems).as("keys the docs name that the configuration refuses").isEmpty();
        // The check reaches the reference tables: a change to how they are written cannot turn it into a no-op.
        assertThat(tables).anyMatch(t -> t.startsWith("docs/config.md: | section | fields |"))
                .anyMatch(t -> t.startsWith("docs/config.md: | field | meaning"))
                .anyMatch(t -> t.startsWith("docs/config.md: | section | fields (default) |"))
                .anyMatch(t -> t.startsWith("docs/audit.md: | setting |"))
                .anyMatch(t -> t.startsWith("docs/identity.md: | setting |"));
    }

    @Test
    void aRefusedKeyInATableOrAYamlBlockIsFoundAtItsLine() {
        String doc = """
                # Audit

                ## Configuration (`audit` section)

                | setting | meaning | default |
                |---|---|---|
                | `dir` | the log directory | required |
                | `segmentMaxBytes` | a segment is closed beyond this size | 64 MiB |
                | `retention` | `maxAge` and `maxCount` (`maxBytes` in parentheses is not read) | keep all |

                ```yaml
                audit:
                  dir: /var/log/portcullis
                  failurePolicy: FAIL_CLOSED
                x-anchors: {anything: 1}
                ```

                ```yaml
                - name: orders
                  upstream: http://127.0.0.1:9000
                  tls: {cert: a.pem, keyFile: a.key}
                ```

                | section | fields |
                |---|---|
                | `accessLog` | `path`, `redactQuery` (false: `queryString` here is not a key) |
                | `ingress[]` | `protocol`, `from` with one of `group`, `cidr` |

                ## Events (`observe`)

                | field | meaning |
                |---|---|
                | `phase` | not a configuration table: its heading names no section |
                """;

        DocumentedKeys.Report r = new DocumentedKeys(schema).check("docs/x.md", doc);

        assertThat(r.problems()).containsExactly(
                "docs/x.md:8: `segmentMaxBytes` is no key of audit (expected one of: checkpointInterval, dir, "
                        + "fsyncInterval, onFailure, recordQuery, retention, signingKey)",
                "docs/x.md:9: `maxCount` (in the row of `retention`) is no key of audit.retention (expected one of: maxAge, maxBytes)",
                "docs/x.md:14: `failurePolicy` is no key of audit (expected one of: checkpointInterval, dir, fsyncInterval, "
                        + "onFailure, recordQuery, retention, signingKey)",
                "docs/x.md:21: `keyFile` is no key of apis[].tls (expected one of: bindCertificateToWorkload, cert, clientAuth, "
                        + "clientCa, crl, key)",
                "docs/x.md:26: `redactQuery` (in the row of `accessLog`) is no key of accessLog (expected one of: path, recordQuery)");
        assertThat(r.snippets()).isEqualTo(2);
        assertThat(r.tables()).hasSize(2);
    }

    @Test
    void theSchemaIsTheParsersOwnListOfKeysAtEveryLevel() {
        assertThat(schema.children().keySet()).contains("accounts", "apis", "audit", "securityGroups", "threatFeeds");
        assertThat(schema.find("audit").orElseThrow().children().keySet()).contains("onFailure", "recordQuery")
                .doesNotContain("failurePolicy", "redactQuery", "segmentMaxBytes");
        assertThat(schema.find("securityGroups[].ingress[].schedule").orElseThrow().children()).containsKeys("days", "zone");
        assertThat(schema.find("apis[].auth.jwt.tokenFrom").orElseThrow().children()).containsKeys("header", "scheme", "forward");
        assertThat(schema.find("apis[].resourcePolicy").orElseThrow().leaf()).as("a policy document is not configuration keys").isTrue();
    }
}
