package io.portcullis.analysis.compliance.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.analysis.baseline.Baseline;
import io.portcullis.analysis.baseline.Triaged;
import io.portcullis.analysis.compliance.ComplianceMapping;
import io.portcullis.analysis.compliance.Framework;
import io.portcullis.analysis.findings.AnalysisSettings;
import io.portcullis.analysis.findings.Analyzer;
import io.portcullis.analysis.findings.Finding;
import io.portcullis.analysis.findings.ImportSources;
import io.portcullis.analysis.review.AuditTraffic;
import io.portcullis.audit.verify.AuditVerifier;
import io.portcullis.runtime.plan.Plan;
import io.portcullis.runtime.plan.PlanCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compliance reports on examples/trading and on a configuration whose baseline accepts one finding and let the
 * acceptance of another expire: each control's status follows from the analyzer's findings of its rules, a
 * control no rule maps to is not applicable, the audit evidence is the verifier's, and the output is the same
 * bytes for the same inputs except the generation time.
 */
class ComplianceReportTest {

    static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");
    static final Path TRADING = Path.of("..", "examples", "trading");

    @TempDir
    Path tmp;

    private final ComplianceMapping mapping = ComplianceMapping.builtIn();

    @Test
    void tradingFailsTheControlsItsFindingsMapToAndPassesTheRestOfTheMappedOnes() {
        Plan plan = compile(TRADING);
        List<Finding> findings = analyze(plan, TRADING);
        ComplianceReport r = ComplianceReport.of(mapping.framework("pci-dss"), mapping,
                Baseline.EMPTY.apply(findings, LocalDate.of(2026, 12, 7)), plan.digest().toString(), Optional.empty(), NOW);

        assertThat(statuses(r)).containsExactly(
                Map.entry("1.2.5", ControlStatus.PASS), Map.entry("1.2.7", ControlStatus.FAIL),
                Map.entry("1.3.1", ControlStatus.FAIL), Map.entry("1.3.2", ControlStatus.PASS),
                Map.entry("1.4.2", ControlStatus.PASS), Map.entry("7.2.1", ControlStatus.FAIL),
                Map.entry("7.2.4", ControlStatus.NOT_APPLICABLE), Map.entry("10.3.2", ControlStatus.NOT_APPLICABLE),
                Map.entry("12.8.1", ControlStatus.FAIL));
        for (ControlResult c : r.controls()) {
            List<String> fired = findings.stream().map(Finding::rule).filter(c.rules()::contains).toList();
            assertThat(c.findings()).extracting(t -> t.finding().rule()).as(c.id()).containsExactlyElementsOf(fired);
            assertThat(c.status() == ControlStatus.FAIL).as(c.id()).isEqualTo(!fired.isEmpty());
        }
        ControlResult na = r.controls().stream().filter(c -> c.id().equals("7.2.4")).findFirst().orElseThrow();
        assertThat(na.reason()).isEqualTo("no analyze rule maps to this control: the analysis gives no evidence for it");
        assertThat(na.title()).isEqualTo("All user accounts and related access privileges are reviewed at least once every six months");
        ControlResult expired = r.controls().stream().filter(c -> c.id().equals("1.2.7")).findFirst().orElseThrow();
        assertThat(expired.reason()).isEqualTo("2 open finding(s): PC-EXP-001, PC-STALE-002");
        assertThat(r.clean()).isFalse();
    }

    @Test
    void anAcceptedFindingIsAnExceptionUntilItsExpiryAndAnExpiredAcceptanceFails() throws IOException {
        Path config = estate();
        Plan plan = compile(config);
        List<Finding> findings = analyze(plan, config);
        Finding ssh = findings.stream().filter(f -> f.rule().equals("PC-NET-003")).findFirst().orElseThrow();
        Finding unused = findings.stream().filter(f -> f.rule().equals("PC-HYG-001")).findFirst().orElseThrow();
        Path baseline = tmp.resolve("baseline.yaml");
        Files.writeString(baseline, "accepted:\n"
                + entry(ssh, "bastion, MFA enforced, ticket SEC-142", "2027-03-31")
                + entry(unused, "kept for the migration, ticket OPS-7", "2026-11-30"));
        List<Triaged> triaged = Baseline.read(baseline).apply(findings, LocalDate.of(2026, 12, 7));
        assertThat(findings).extracting(Finding::rule).containsExactlyInAnyOrder("PC-NET-003", "PC-API-001", "PC-HYG-001");

        ComplianceReport cis = ComplianceReport.of(mapping.framework("cis-aws"), mapping, triaged, plan.digest().toString(), Optional.empty(), NOW);
        assertThat(statuses(cis)).containsExactly(Map.entry("5.1", ControlStatus.NOT_APPLICABLE),
                Map.entry("5.2", ControlStatus.ACCEPTED_EXCEPTION), Map.entry("5.3", ControlStatus.ACCEPTED_EXCEPTION),
                Map.entry("5.4", ControlStatus.NOT_APPLICABLE));
        ControlResult c52 = cis.controls().get(1);
        assertThat(c52.expires()).contains(LocalDate.of(2027, 3, 31));
        assertThat(c52.reason()).isEqualTo("1 finding(s) of PC-NET-003 accepted by the baseline, the first acceptance until 2027-03-31");
        assertThat(cis.clean()).isTrue();

        ComplianceReport nist = ComplianceReport.of(mapping.framework("nist-800-53"), mapping, triaged, plan.digest().toString(), Optional.empty(), NOW);
        ControlResult cm8 = nist.controls().stream().filter(c -> c.id().equals("CM-8")).findFirst().orElseThrow();
        assertThat(cm8.status()).isEqualTo(ControlStatus.FAIL);
        assertThat(cm8.reason()).isEqualTo("1 finding(s) whose acceptance expired: PC-HYG-001");
        assertThat(ComplianceJson.write(nist)).contains("\"status\" : \"acceptance-expired\"");
        assertThat(ComplianceHtml.write(cis)).contains("<span class=\"status accepted-exception\">accepted-exception until 2027-03-31</span>")
                .contains("accepted by platform-security@example.com until 2027-03-31: bastion, MFA enforced, ticket SEC-142");
    }

    @Test
    void theAuditEvidenceIsTheVerifiersAndADamagedLogMakesTheReportUnclean() throws IOException {
        Path config = estate();
        Plan plan = compile(config);
        Path log = tmp.resolve("audit");
        AuditTraffic.write(plan, log, tmp.resolve("signing.key"), List.of(
                new AuditTraffic.Call("app-1", "orders", NOW.minusSeconds(60)),
                new AuditTraffic.Call("app-1", "orders", NOW.minusSeconds(30)),
                new AuditTraffic.Call("app-1", "orders", NOW.minusSeconds(10))));
        AuditEvidence intact = AuditEvidence.of("audit", AuditVerifier.verify(log));
        assertThat(intact.intact()).isTrue();
        assertThat(intact.summary()).startsWith("intact: records 0-2 (3), ").contains(" signed checkpoints, key ");
        Framework soc2 = mapping.framework("soc2");
        List<Triaged> none = List.of();
        assertThat(ComplianceReport.of(soc2, mapping, none, plan.digest().toString(), Optional.of(intact), NOW).clean()).isTrue();

        try (var segments = Files.list(log)) {
            Path segment = segments.filter(p -> p.getFileName().toString().startsWith("segment-")).findFirst().orElseThrow();
            byte[] bytes = Files.readAllBytes(segment);
            bytes[bytes.length - 20] ^= 1;
            Files.write(segment, bytes);
        }
        AuditEvidence damaged = AuditEvidence.of("audit", AuditVerifier.verify(log));
        ComplianceReport r = ComplianceReport.of(soc2, mapping, none, plan.digest().toString(), Optional.of(damaged), NOW);
        assertThat(damaged.intact()).isFalse();
        assertThat(r.clean()).isFalse();
        assertThat(ComplianceJson.write(r)).contains("\"intact\" : false").contains("NOT INTACT: ");
    }

    @Test
    void theSameInputsGiveTheSameBytesApartFromTheGenerationTime() {
        Plan plan = compile(TRADING);
        List<Triaged> triaged = Baseline.EMPTY.apply(analyze(plan, TRADING), LocalDate.of(2026, 12, 7));
        Framework f = mapping.framework("nist-800-53");
        ComplianceReport a = ComplianceReport.of(f, mapping, triaged, plan.digest().toString(), Optional.empty(), NOW);
        ComplianceReport b = ComplianceReport.of(f, mapping, triaged, plan.digest().toString(), Optional.empty(), NOW);
        ComplianceReport later = ComplianceReport.of(f, mapping, triaged, plan.digest().toString(), Optional.empty(), NOW.plusSeconds(3600));
        assertThat(ComplianceJson.write(a)).isEqualTo(ComplianceJson.write(b));
        assertThat(ComplianceHtml.write(a)).isEqualTo(ComplianceHtml.write(b));
        assertThat(ComplianceJson.write(later).replace("2026-12-07T01:00:00Z", "2026-12-07T00:00:00Z")).isEqualTo(ComplianceJson.write(a));
        assertThat(ComplianceHtml.write(later).replace("2026-12-07T01:00:00Z", "2026-12-07T00:00:00Z")).isEqualTo(ComplianceHtml.write(a));
    }

    @Test
    void aFrameworkTheMappingDoesNotKnowIsAnOperatorError() {
        assertThatThrownBy(() -> mapping.framework("iso-27001")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("compliance framework 'iso-27001' (expected one of: cis-aws, pci-dss, hipaa, soc2, nist-800-53)");
    }

    /** SSH open to the world on an API's group, an unused group, and nothing else. */
    private Path estate() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("config"));
        Files.writeString(dir.resolve("estate.yaml"), """
                accounts:
                  - {id: "111111111111", name: a}
                vpcs:
                  - {id: vpc-a, account: "111111111111", cidrs: [10.1.0.0/16]}
                securityGroups:
                  - id: sg-orders
                    account: "111111111111"
                    vpc: vpc-a
                    ingress:
                      - {protocol: tcp, ports: 22, from: {cidr: 0.0.0.0/0}}
                      - {protocol: tcp, ports: 8443, from: {group: sg-app}}
                  - {id: sg-app, account: "111111111111", vpc: vpc-a}
                  - {id: sg-old, account: "111111111111", vpc: vpc-a}
                workloads:
                  - {id: app-1, account: "111111111111", vpc: vpc-a, addresses: [10.1.1.10], groups: [sg-app]}
                apis:
                  - {name: orders, account: "111111111111", vpc: vpc-a, listen: "10.1.0.10:8443", securityGroups: [sg-orders], upstream: "http://127.0.0.1:9000"}
                """);
        return dir;
    }

    private static String entry(Finding f, String why, String expires) {
        return "  - fingerprint: " + f.fingerprint() + "\n    justification: " + why
                + "\n    owner: platform-security@example.com\n    expires: " + expires + "\n";
    }

    private static List<Map.Entry<String, ControlStatus>> statuses(ComplianceReport r) {
        return r.controls().stream().map(c -> Map.entry(c.id(), c.status())).collect(Collectors.toList());
    }

    private static List<Finding> analyze(Plan plan, Path dir) {
        return Analyzer.of(AnalysisSettings.DEFAULTS).analyze(plan.config(), plan.sources(), ImportSources.of(List.of(dir)), NOW);
    }

    static Plan compile(Path dir) {
        try (PlanCompiler c = PlanCompiler.withClock(Clock.fixed(NOW, ZoneOffset.UTC))) {
            var compiled = c.compile(List.of(dir));
            assertThat(compiled.errors()).isEmpty();
            return compiled.plan().orElseThrow();
        }
    }
}
