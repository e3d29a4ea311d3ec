package io.portcullis.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.config.digest.PlanDigest;
import io.portcullis.config.node.ApprovalRuleConfig;
import io.portcullis.config.node.ApproverConfig;
import io.portcullis.config.node.ChangeControlConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code changeControl}: parsed with its defaults, and every rule no declared approvers could meet refused at its line. */
class ChangeControlConfigTest {

    @TempDir
    Path dir;

    private ValidationReport load(String yaml) throws IOException {
        Path file = dir.resolve("node.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.create().load(file);
    }

    @Test
    void parsesApproversAndFillsInTheRulesNotWritten() throws IOException {
        ValidationReport r = load("""
                changeControl:
                  changes: changes
                  approvers:
                    - {id: alice, role: security, publicKey: keys/alice.pub}
                    - {id: bob, role: platform, publicKey: keys/bob.jwk}
                  require:
                    high: {approvals: 2, roles: [security]}
                """);

        assertThat(r.errors()).isEmpty();
        ChangeControlConfig c = r.config().orElseThrow().node().changeControl().orElseThrow();
        assertThat(c.changes()).isEqualTo(dir.resolve("changes"));
        assertThat(c.approvers()).containsExactly(new ApproverConfig("alice", "security", dir.resolve("keys/alice.pub")),
                new ApproverConfig("bob", "platform", dir.resolve("keys/bob.jwk")));
        assertThat(c.require()).containsExactly(new ApprovalRuleConfig("low", 1, List.of()),
                new ApprovalRuleConfig("medium", 1, List.of()), new ApprovalRuleConfig("high", 2, List.of("security")),
                new ApprovalRuleConfig("critical", 2, List.of("security")));
    }

    @Test
    void refusesRulesTheApproversCannotMeet() throws IOException {
        ValidationReport r = load("""
                changeControl:
                  changes: changes
                  approvers:
                    - {id: alice, role: platform, publicKey: keys/alice.pub}
                    - {id: alice, role: platform, publicKey: keys/bob.pub}
                  require:
                    medium: {approvals: 3}
                    high: {approvals: 1, roles: [security]}
                """);

        assertThat(r.errors()).extracting(Problem::toString).containsExactly(
                dir.resolve("node.yaml") + ":5:8: changeControl.approvers[1](alice).id: duplicate approver 'alice' "
                        + "(expected: unique ids)",
                dir.resolve("node.yaml") + ":7:14: changeControl.require.medium.approvals: 3 approvals, but only 1 approver(s) "
                        + "are declared (expected: a rule the declared approvers can meet)",
                dir.resolve("node.yaml") + ":8:26: changeControl.require.high.roles: needs 1 approver(s) with role "
                        + "'security', but 0 are declared (expected: a rule the declared approvers can meet)");
    }

    @Test
    void refusesARoleNoApproverHoldsAndAMissingApproverList() throws IOException {
        assertThat(load("""
                changeControl:
                  changes: changes
                  approvers: [{id: alice, role: platform, publicKey: a.pub}]
                  require: {high: {approvals: 1, roles: [security]}}
                """).errors()).extracting(Problem::message).containsExactly("needs 1 approver(s) with role 'security', but 0 "
                + "are declared (expected: a rule the declared approvers can meet)");
        assertThat(load("""
                changeControl:
                  changes: changes
                  approvers: [{id: alice, role: platform, publicKey: a.pub}, {id: bob, role: platform, publicKey: b.pub}]
                  require: {medium: {approvals: 2}, high: {approvals: 1}}
                """).errors()).extracting(Problem::toString).containsExactly(dir.resolve("node.yaml") + ":4:37: "
                + "changeControl.require.high: high needs 1 approval(s), fewer than medium (expected: a higher risk needs "
                + "at least as many)");
        assertThat(load("""
                changeControl:
                  changes: changes
                  approvers: [{id: alice, role: platform, publicKey: a.pub}]
                """).errors()).extracting(Problem::toString).containsExactly(dir.resolve("node.yaml") + ":1:1: "
                + "changeControl.require.high.approvals: 2 approvals (the default), but only 1 approver(s) are declared "
                + "(expected: a rule the declared approvers can meet)");
        assertThat(load("changeControl: {changes: changes}\n").errors()).extracting(Problem::message)
                .containsExactly("missing or empty (expected: at least one approver with id, role and publicKey)");
    }

    @Test
    void theDigestCountsTheApproversKeysAndRulesButNotWhereRecordsLiveOrTheApproversOrder() throws IOException {
        Files.writeString(dir.resolve("a.pub"), "key a");
        Files.writeString(dir.resolve("b.pub"), "key b");
        String yaml = """
                changeControl:
                  changes: changes
                  approvers:
                    - {id: alice, role: security, publicKey: a.pub}
                    - {id: bob, role: platform, publicKey: b.pub}
                """;
        PlanDigest base = digest(yaml);

        assertThat(digest(yaml.replace("changes: changes", "changes: /elsewhere/changes"))).isEqualTo(base);
        assertThat(digest("""
                changeControl:
                  approvers:
                    - {id: bob, role: platform, publicKey: b.pub}
                    - {id: alice, role: security, publicKey: a.pub}
                  changes: changes
                """)).isEqualTo(base);
        assertThat(digest(yaml + "  require: {high: {approvals: 2, roles: [security]}}\n")).isNotEqualTo(base);
        assertThat(digest(yaml.replace("role: platform", "role: security"))).isNotEqualTo(base);
        Files.writeString(dir.resolve("b.pub"), "key b2");
        assertThat(digest(yaml)).isNotEqualTo(base);
    }

    private PlanDigest digest(String yaml) throws IOException {
        ValidationReport r = load(yaml);
        assertThat(r.errors()).isEmpty();
        return PlanDigest.of(r.config().orElseThrow());
    }
}
