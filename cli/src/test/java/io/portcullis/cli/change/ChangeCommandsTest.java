package io.portcullis.cli.change;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.cli.CliRun;
import io.portcullis.runtime.change.ChangeFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code propose} and {@code approve} on examples/trading with change control: exit codes and what they write. */
class ChangeCommandsTest {

    private static final String TRADING = "../examples/trading";

    @TempDir
    Path dir;

    private final KeyPair alice = AuditKeys.generate();
    private Path node;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(dir.resolve("changes"));
        AuditKeys.writeSigningKey(dir.resolve("alice.key"), alice);
        AuditKeys.writePublicKey(dir.resolve("alice.pub"), alice.getPublic());
        AuditKeys.writePublicKey(dir.resolve("bob.pub"), AuditKeys.generate().getPublic());
        node = Files.writeString(dir.resolve("node.yaml"), """
                changeControl:
                  changes: changes
                  approvers:
                    - {id: alice, role: security, publicKey: alice.pub}
                    - {id: bob, role: platform, publicKey: bob.pub}
                  require: {high: {approvals: 2, roles: [security]}}
                """);
    }

    @Test
    void proposesAFirstChangeThatTheAuthorCannotApproveAndAnApproverSigns() throws IOException {
        Path change = dir.resolve("changes/first.json");

        CliRun proposed = CliRun.of("propose", "--from", "none", "--to", TRADING, node.toString(), "--reason", "first plan",
                "--author", "alice", "--out", change.toString(), "--expires-in", "2d");
        assertThat(proposed.code()).isZero();
        assertThat(proposed.out()).contains("  from   none\n", "  risk   high\n", "first-plan: no plan is served yet",
                "  needs  2 approvals including security\n");

        CliRun self = CliRun.of("approve", change.toString(), "--key", dir.resolve("alice.key").toString(), "--approver", "alice");
        assertThat(self.code()).isEqualTo(1);
        assertThat(self.err()).contains("alice is the author of change");
        assertThat(ChangeFile.read(change).approvals()).isEmpty();

        Files.writeString(change, Files.readString(change).replace("\"author\" : \"alice\"", "\"author\" : \"dave\""));
        CliRun edited = CliRun.of("approve", change.toString(), "--key", dir.resolve("alice.key").toString(), "--approver", "alice");
        assertThat(edited.code()).isEqualTo(2);
        assertThat(edited.err()).contains("the record was edited after it was written");
    }

    @Test
    void anApprovalIsAddedToTheRecordAndReplacesTheApproversEarlierOne() throws IOException {
        Path change = dir.resolve("changes/first.json");
        assertThat(CliRun.of("propose", "--from", "none", "--to", TRADING, node.toString(), "--reason", "first plan",
                "--author", "dave", "--out", change.toString()).code()).isZero();

        assertThat(CliRun.of("approve", change.toString(), "--key", dir.resolve("alice.key").toString(), "--approver", "alice").code()).isZero();
        assertThat(CliRun.of("approve", change.toString(), "--key", dir.resolve("alice.key").toString(), "--approver", "alice").out())
                .endsWith("1 approval(s): alice\n");
        ChangeFile file = ChangeFile.read(change);
        assertThat(file.approvals()).singleElement().satisfies(a -> {
            assertThat(a.approver()).isEqualTo("alice");
            assertThat(a.change()).isEqualTo(file.change().digest());
            assertThat(a.keyId()).isEqualTo(AuditKeys.keyId(alice.getPublic()));
        });
    }

    @Test
    void refusesABadExpiryAndACandidateThatDoesNotCompile() {
        CliRun bad = CliRun.of("propose", "--from", "none", "--to", TRADING, node.toString(), "--reason", "x", "--author", "dave",
                "--out", dir.resolve("changes/x.json").toString(), "--expires-in", "soon");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--expires-in: 'soon' (expected: a positive duration such as 24h, 7d or 90m)");
        assertThat(dir.resolve("changes/x.json")).doesNotExist();

        CliRun invalid = CliRun.of("propose", "--from", "none", "--to", "../examples/missing", "--reason", "x",
                "--author", "dave", "--out", dir.resolve("changes/x.json").toString());
        assertThat(invalid.code()).isEqualTo(2);
        assertThat(invalid.err()).contains("error: ").contains("../examples/missing");
        assertThat(dir.resolve("changes/x.json")).doesNotExist();
    }
}
