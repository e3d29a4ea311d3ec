package io.portcullis.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loader confined to a directory ({@link ConfigLoader#confinedTo}) refuses every file path that leads out of it
 * (absolute, a climbing {@code ..}, a symbolic link) at the path as written, and reads none of them; the same
 * configuration loads unconfined.
 */
class ConfinedLoadTest {

    private static final String NODE = """
            changeControl:
              changes: %s
              approvers:
                - {id: alice, role: security, publicKey: %s}
              require:
                high: {approvals: 1}
                critical: {approvals: 1}
            """;

    @TempDir
    Path dir;

    @Test
    void refusesALinkThatLeadsOutOfTheDirectory() throws IOException {
        Path root = Files.createDirectory(dir.resolve("bundle")).toRealPath();
        Path outside = Files.createDirectory(dir.resolve("outside"));
        Files.createSymbolicLink(root.resolve("keys"), outside);
        Files.createSymbolicLink(root.resolve("changes"), outside);
        Files.writeString(root.resolve("node.yaml"), NODE.formatted("changes", "keys/alice.pub"));

        ValidationReport confined = ConfigLoader.create().confinedTo(root).load(root);
        assertThat(confined.errors()).extracting(Problem::message).containsExactly(
                "'changes' leads outside the configuration's directory: a symbolic link leads out of it (expected: a "
                        + "relative path to a file of the configuration, inside its directory)",
                "'keys/alice.pub' leads outside the configuration's directory: a symbolic link leads out of it "
                        + "(expected: a relative path to a file of the configuration, inside its directory)");
        assertThat(ConfigLoader.create().load(root).errors()).as("unconfined, the links are followed").isEmpty();
    }

    @Test
    void refusesAbsoluteAndClimbingPathsAndKeepsThoseInside() throws IOException {
        Path root = Files.createDirectory(dir.resolve("bundle")).toRealPath();
        Files.writeString(root.resolve("node.yaml"), NODE.formatted("../changes", dir.resolve("alice.pub")));
        assertThat(ConfigLoader.create().confinedTo(root).load(root).errors()).extracting(Problem::message)
                .containsExactly("'../changes' leads outside the configuration's directory: '..' climbs out of it "
                        + "(expected: a relative path to a file of the configuration, inside its directory)",
                        "'" + dir.resolve("alice.pub") + "' leads outside the configuration's directory: an absolute "
                        + "path (expected: a relative path to a file of the configuration, inside its directory)");

        Files.writeString(root.resolve("node.yaml"), NODE.formatted("records/../changes", "keys/./alice.pub"));
        assertThat(ConfigLoader.create().confinedTo(root).load(root).errors()).isEmpty();
    }
}
