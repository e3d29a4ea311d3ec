package io.portcullis.analysis.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.analysis.findings.Finding;
import io.portcullis.analysis.findings.InvalidInputException;
import io.portcullis.analysis.findings.Resource;
import io.portcullis.analysis.findings.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accepted findings are suppressed until their expiry, then count again; incomplete entries are refused. */
class BaselineTest {

    @TempDir
    Path dir;

    static Finding finding(String rule, String key) {
        return new Finding(rule, Severity.HIGH, new Resource(key, "securityGroups[0]", "g.yaml", 3, 5, "securityGroups[0](sg-x)",
                List.of()), "", "message", List.of(), "fix");
    }

    private final Finding ssh = finding("PC-NET-003", "securityGroups(111111111111/sg-bastion).ingress(tcp/22 from 0.0.0.0/0)");
    private final Finding unused = finding("PC-HYG-001", "securityGroups(111111111111/sg-old)");

    private Baseline write(String yaml) throws IOException {
        Path f = dir.resolve("baseline.yaml");
        Files.writeString(f, yaml);
        return Baseline.read(f);
    }

    @Test
    void anAcceptedFindingIsSuppressedThroughItsExpiryDayAndCountsAgainAfter() throws IOException {
        Baseline b = write("""
                accepted:
                  - fingerprint: %s
                    rule: PC-NET-003
                    justification: bastion host, MFA enforced (SEC-142)
                    owner: platform-security@example.com
                    expires: 2026-12-31
                """.formatted(ssh.fingerprint()));
        List<Triaged> on = b.apply(List.of(ssh, unused), LocalDate.parse("2026-12-31"));
        assertThat(on).extracting(Triaged::status).containsExactly(Triaged.Status.ACCEPTED, Triaged.Status.OPEN);
        assertThat(on.get(0).counts()).isFalse();
        List<Triaged> after = b.apply(List.of(ssh, unused), LocalDate.parse("2027-01-01"));
        assertThat(after).extracting(Triaged::status).containsExactly(Triaged.Status.ACCEPTANCE_EXPIRED, Triaged.Status.OPEN);
        assertThat(after.get(0).counts()).isTrue();
        assertThat(after.get(0).acceptance().orElseThrow().owner()).isEqualTo("platform-security@example.com");
        assertThat(b.unmatched(List.of(unused))).extracting(Acceptance::fingerprint).containsExactly(ssh.fingerprint());
    }

    @Test
    void fingerprintsDependOnRuleResourceAndSubjectOnlyNotOnPlace() {
        Finding moved = new Finding(ssh.rule(), Severity.CRITICAL, new Resource(ssh.resource().key(), "securityGroups[7].ingress[2]",
                "other.yaml", 40, 9, "securityGroups[7](sg-bastion).ingress[2]", List.of()), "", "other text", List.of("e"), "f");
        assertThat(moved.fingerprint()).isEqualTo(ssh.fingerprint()).hasSize(32);
        assertThat(unused.fingerprint()).isNotEqualTo(ssh.fingerprint());
        Finding otherSubject = new Finding(ssh.rule(), ssh.severity(), ssh.resource(), "tcp/3389", "m", List.of(), "f");
        assertThat(otherSubject.fingerprint()).isNotEqualTo(ssh.fingerprint());
    }

    @Test
    void anEntryWithoutJustificationOwnerOrExpiryIsAnError() throws IOException {
        Path f = dir.resolve("baseline.yaml");
        Files.writeString(f, """
                accepted:
                  - fingerprint: %1$s
                    justification: ""
                    expires: 2027-13-01
                  - {fingerprint: NOT-HEX, justification: j, owner: o, expires: 2027-01-01}
                  - {fingerprint: %1$s, justification: j, owner: o, expires: 2027-01-01, note: x}
                """.formatted(ssh.fingerprint()));
        assertThatThrownBy(() -> Baseline.read(f)).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                .containsExactly(
                        f + ": /accepted/0/justification: empty (expected: why the finding is accepted)",
                        f + ": /accepted/0/owner: missing (expected: who owns the acceptance (a person or team))",
                        f + ": /accepted/0/expires: '2027-13-01' (expected: a date YYYY-MM-DD)",
                        f + ": /accepted/1/fingerprint: 'NOT-HEX' (expected: 32 lower-case hex digits, from analyze --format json)",
                        f + ": /accepted/2/note: unknown key (expected one of: expires, fingerprint, justification, owner, resource, rule)",
                        f + ": /accepted/2/fingerprint: '" + ssh.fingerprint() + "' is accepted twice (expected: one entry per finding)"));
    }

    @Test
    void aWrittenBaselineIsRefusedUntilAPersonFillsItIn() throws IOException {
        Path f = dir.resolve("start.yaml");
        Baseline.write(f, List.of(ssh), LocalDate.parse("2027-03-07"));
        assertThat(Files.readString(f)).contains("fingerprint: " + ssh.fingerprint(), "expires: 2027-03-07", "rule: PC-NET-003");
        assertThatThrownBy(() -> Baseline.read(f)).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                .containsExactly(f + ": /accepted/0/justification: empty (expected: why the finding is accepted)",
                        f + ": /accepted/0/owner: empty (expected: who owns the acceptance (a person or team))"));
        Files.writeString(f, Files.readString(f).replace("justification: \"\"", "justification: legacy, ticket OPS-7")
                .replace("owner: \"\"", "owner: ops"));
        assertThat(Baseline.read(f).apply(List.of(ssh), LocalDate.parse("2027-01-01")).get(0).status())
                .isEqualTo(Triaged.Status.ACCEPTED);
    }
}
