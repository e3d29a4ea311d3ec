package io.portcullis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory's files are parsed side by side and merged in order: its problems come out as a file-by-file load
 * gives them (each file's own problems in file order, then the cross-checks), each at its file, line and column,
 * with the ids of the elements on its path. More files than parser threads read ahead, so the merge waits on some.
 */
class DirectoryProblemsTest {

    @Test
    void problemsOfADirectoryComeInFileOrderEachAtItsLine(@TempDir Path dir) throws IOException {
        write(dir, "00-accounts.yaml", """
                accounts:
                  - {id: "111111111111", name: a}
                  - {id: "2222", name: b}
                """);
        write(dir, "10-vpcs.yaml", """
                vpcs:
                  - id: vpc-a
                    account: "111111111111"
                    cidrs: [10.1.0.0/16]
                  - id: vpc-b
                    account: "333333333333"
                    cidrs: [10.2.0.0/16]
                """);
        write(dir, "20-groups.yaml", """
                securityGroups:
                  - id: sg-a
                    account: "111111111111"
                    vpc: vpc-a
                    ingress:
                      - {protocol: tcp, port: 443, from: {group: sg-a}}
                """);
        write(dir, "30-broken.yaml", "workloads: [\n");
        write(dir, "40-workloads.yaml", """
                workloads:
                  - id: w1
                    account: "111111111111"
                    vpc: vpc-a
                    addresses: [10.9.0.5]
                    groups: [sg-a]
                """);
        write(dir, "50-node.yaml", "audit:\n  dir: /tmp/a\nextra: 1\n");
        for (int i = 0; i < 6; i++) {
            write(dir, "6" + i + "-empty.yaml", "accounts: []\n");
        }

        ValidationReport report = ConfigLoader.create().load(dir);

        assertThat(report.errors()).extracting(DirectoryProblemsTest::placed).containsExactly(
                "00-accounts.yaml:3:6: accounts[1](2222).id: '2222' (expected: a 12-digit account id)",
                "20-groups.yaml:6:25: securityGroups[0](sg-a).ingress[0].port: unknown key 'port' "
                        + "(expected one of: description, exception, expires, from, justification, ports, protocol, schedule)",
                "30-broken.yaml:1:13: invalid YAML: while parsing a flow node",
                "50-node.yaml:1:1: audit.signingKey: missing (expected: a file path)",
                "50-node.yaml:3:1: extra: unknown key 'extra' (expected one of: accessLog, accounts, admin, alerts, apis, "
                        + "assurance, audit, autoBlock, awsApis, changeControl, cluster, connections, console, geo, partners, prefixLists, securityGroups, "
                        + "threatFeeds, vpcEndpoints, vpcs, workloads)",
                "10-vpcs.yaml:6:5: vpcs[1](vpc-b).account: unknown account '333333333333' (expected: an id declared under accounts)",
                "40-workloads.yaml:5:17: workloads[0](w1).addresses[0]: '10.9.0.5' is outside vpc-a (expected: an address in 10.1.0.0/16)");
    }

    @Test
    void aValidDirectoryLoadsAsOneFileWould(@TempDir Path dir) throws IOException {
        String accounts = "accounts:\n  - {id: \"111111111111\", name: a}\n";
        String vpcs = "vpcs:\n  - {id: vpc-a, account: \"111111111111\", cidrs: [10.1.0.0/16]}\n";
        String groups = "securityGroups:\n  - {id: sg-a, account: \"111111111111\", vpc: vpc-a}\n";
        String workloads = "workloads:\n  - {id: w1, account: \"111111111111\", vpc: vpc-a, addresses: [10.1.0.5], groups: [sg-a]}\n"
                + "  - {id: w2, account: \"111111111111\", vpc: vpc-a, addresses: [10.1.0.6], groups: [sg-a]}\n";
        write(dir, "a.yaml", accounts);
        write(dir, "b.yaml", vpcs);
        write(dir, "c.yaml", groups);
        write(dir, "d.yaml", workloads);

        ValidationReport split = ConfigLoader.create().load(dir);
        ValidationReport whole = ConfigLoader.create().loadString(accounts + vpcs + groups + workloads, "whole.yaml");

        assertThat(split.errors()).isEmpty();
        assertThat(split.config()).isEqualTo(whole.config());
    }

    @Test
    void documentsInMemoryLoadAsTheirFilesAndTheirTreesAreNotParsedAgain(@TempDir Path dir) throws IOException {
        String accounts = "# comment\naccounts:\n  - {id: \"111111111111\", name: a}\n";
        String vpcs = "vpcs:\n  - id: vpc-a\n    account: \"111111111111\"\n    cidrs: [10.1.0.0/16]\n";
        String workloads = "workloads:\n  - id: w1\n    account: \"111111111111\"\n    vpc: vpc-a\n    addresses: [10.9.0.5]\n";
        write(dir, "a.yaml", accounts);
        write(dir, "b.yaml", vpcs);
        write(dir, "c.yaml", workloads);
        com.fasterxml.jackson.databind.ObjectMapper yaml = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        java.util.List<ConfigDocument> withTrees = new java.util.ArrayList<>();
        java.util.List<ConfigDocument> texts = new java.util.ArrayList<>();
        for (String name : new String[] {"a.yaml", "b.yaml", "c.yaml"}) {
            String text = Files.readString(dir.resolve(name));
            withTrees.add(new ConfigDocument(dir.resolve(name).toString(), text, yaml.readTree(text)));
            texts.add(ConfigDocument.text(dir.resolve(name).toString(), text));
        }

        ValidationReport files = ConfigLoader.create().load(dir);
        ValidationReport fromTrees = ConfigLoader.create().loadDocuments(withTrees);
        ValidationReport fromTexts = ConfigLoader.create().loadDocuments(texts);

        // the error is found in the tree and placed by the text, as the file's own would be
        assertThat(files.errors()).extracting(DirectoryProblemsTest::placed).containsExactly(
                "c.yaml:5:17: workloads[0](w1).addresses[0]: '10.9.0.5' is outside vpc-a (expected: an address in 10.1.0.0/16)");
        assertThat(fromTrees.problems()).isEqualTo(files.problems());
        assertThat(fromTexts.problems()).isEqualTo(files.problems());

        // a tree alone: the same problem, named the same way, with no line and column (no text to read them from)
        java.util.List<ConfigDocument> treesAlone = withTrees.stream().map(d -> ConfigDocument.tree(d.file(), d.tree())).toList();
        assertThat(ConfigLoader.create().loadDocuments(treesAlone).errors()).extracting(DirectoryProblemsTest::placed)
                .containsExactly("c.yaml:0:0: workloads[0](w1).addresses[0]: '10.9.0.5' is outside vpc-a (expected: an address in 10.1.0.0/16)");
        assertThatThrownBy(() -> new ConfigDocument("d.yaml", null, null)).isInstanceOf(NullPointerException.class);

        // a tree is taken as it is: the text, which reads otherwise here, only places problems
        ConfigDocument changed = new ConfigDocument("c.yaml", workloads,
                yaml.readTree(workloads.replace("10.9.0.5", "10.1.0.5")));
        ValidationReport valid = ConfigLoader.create().loadDocuments(java.util.List.of(withTrees.get(0), withTrees.get(1), changed));
        assertThat(valid.errors()).isEmpty();
        assertThat(valid.config().orElseThrow().workloads().get(0).addresses()).hasToString("[10.1.0.5]");
        assertThat(ConfigLoader.create().loadDocuments(java.util.List.of()).errors()).extracting(Problem::message)
                .containsExactly("no configuration documents (expected: at least one)");
    }

    /** {@code FILE:LINE:COL: named path: message}, the message's first line, the file by its name. */
    private static String placed(Problem p) {
        String message = p.message().lines().findFirst().orElse("");
        return Path.of(p.file()).getFileName() + ":" + p.line() + ":" + p.column() + ": "
                + (p.named().isEmpty() ? "" : p.named() + ": ") + message;
    }

    private static void write(Path dir, String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }
}
