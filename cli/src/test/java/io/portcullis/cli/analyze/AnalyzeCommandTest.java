package io.portcullis.cli.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.cli.CliRun;
import io.portcullis.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code portcullis analyze} end to end: exit codes (0, 1, 2), the example configuration, the imported Batfish
 * export, compliance filtering, baselines and the output formats.
 */
class AnalyzeCommandTest {

    private static final String TRADING = Path.of("..").toAbsolutePath().normalize().resolve("examples/trading").toString();
    private static final String AT = "2026-12-07T00:00:00Z";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static JsonNode json(CliRun r) throws IOException {
        return JSON.readTree(r.out());
    }

    private static List<String> rules(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.get("findings").forEach(f -> out.add(f.get("rule").asText() + " " + f.at("/resource/named").asText()));
        return out;
    }

    @Test
    void theTradingExampleHasOneHighFindingSoItFailsAtHighAndPassesAtCritical() throws IOException {
        CliRun r = CliRun.of("analyze", TRADING, "--at", AT, "--format", "json");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        // decided by hand from examples/trading: analytics has no resource policy; four rules admit another account's
        // group; the legacy rule expired on 2025-06-30; the traders reference crosses unconnected VPCs
        assertThat(rules(json(r))).containsExactly(
                "PC-API-001 apis[1](analytics)",
                "PC-XACCT-001 securityGroups[0](sg-orders-api).ingress[1]",
                "PC-XACCT-001 securityGroups[1](sg-baseline-monitoring).ingress[0]",
                "PC-XACCT-001 securityGroups[8](sg-analytics-api).ingress[1]",
                "PC-XACCT-001 securityGroups[8](sg-analytics-api).ingress[2]",
                "PC-EXP-001 securityGroups[0](sg-orders-api).ingress[3]",
                "PC-STALE-002 securityGroups[8](sg-analytics-api).ingress[2]");
        assertThat(CliRun.of("analyze", TRADING, "--at", AT, "--fail-on", "critical").code()).isZero();
        assertThat(CliRun.of("analyze", TRADING, "--at", AT, "--fail-on", "medium").code()).isEqualTo(1);
    }

    @Test
    void anInvalidConfigurationIsRefusedWithValidatesErrors() throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), "accounts:\n  - {id: \"12\", name: x}\n");
        CliRun analyze = CliRun.of("analyze", dir.toString());
        CliRun validate = CliRun.of("validate", dir.toString());
        assertThat(analyze.code()).isEqualTo(2);
        assertThat(validate.code()).isEqualTo(2);
        assertThat(analyze.err()).isEqualTo(validate.err()).contains("error: " + dir.resolve("bad.yaml") + ":2:6: accounts[0](12).id: '12' (expected: a 12-digit account id)");
        assertThat(analyze.out()).isEmpty();
    }

    @Test
    void invalidOptionsAndInputsExitTwoWithWhatWasExpected() throws IOException {
        assertThat(CliRun.of("analyze", TRADING, "--fail-on", "severe").err())
                .contains("error: severity: 'severe' (expected one of: critical, high, medium, low, info)");
        CliRun fw = CliRun.of("analyze", TRADING, "--compliance", "iso");
        assertThat(fw.code()).isEqualTo(2);
        assertThat(fw.err()).contains("compliance framework 'iso' (expected one of: cis-aws, pci-dss, hipaa, soc2, nist-800-53)");
        assertThat(CliRun.of("analyze", TRADING, "--quota", "rules=3").err())
                .contains("--quota: 'rules' (expected: rules-per-group or groups-per-interface)");
        Path mapping = dir.resolve("m.yaml");
        Files.writeString(mapping, "rules: {PC-NET-001: {iso: [\"1\"]}}\n");
        CliRun m = CliRun.of("analyze", TRADING, "--mapping", mapping.toString());
        assertThat(m.code()).isEqualTo(2);
        assertThat(m.err()).contains("error: " + mapping + ": /rules/PC-NET-001/iso: unknown framework 'iso'");
        assertThat(CliRun.of("analyze").code()).isEqualTo(2);
        assertThat(CliRun.of("analyze", TRADING, "--aws", dir.toString()).code()).isEqualTo(2);
    }

    @Test
    void aComplianceFrameworkKeepsItsFindingsAndShowsItsControls() throws IOException {
        JsonNode r = json(CliRun.of("analyze", TRADING, "--at", AT, "--format", "json", "--compliance", "hipaa"));
        // PC-STALE-002 maps to no HIPAA control; the others do
        assertThat(rules(r)).doesNotContain("PC-STALE-002 securityGroups[8](sg-analytics-api).ingress[2]").hasSize(6);
        assertThat(r.at("/findings/0/controls")).hasSize(1);
        assertThat(r.at("/findings/0/controls/hipaa/0").asText()).isEqualTo("164.312(a)(1)");
        assertThat(r.at("/summary/framework").asText()).isEqualTo("hipaa");
    }

    @Test
    void aBaselineAcceptsUntilItsExpiryThenTheFindingFailsAgain() throws IOException {
        JsonNode all = json(CliRun.of("analyze", TRADING, "--at", AT, "--format", "json"));
        String fp = all.at("/findings/0/fingerprint").asText();
        Path baseline = dir.resolve("baseline.yaml");
        Files.writeString(baseline, """
                accepted:
                  - {fingerprint: %s, justification: internal analytics only (RISK-12), owner: analytics-team, expires: 2026-12-31}
                """.formatted(fp));
        CliRun accepted = CliRun.of("analyze", TRADING, "--at", AT, "--baseline", baseline.toString());
        assertThat(accepted.code()).as(accepted.out()).isZero();
        assertThat(accepted.out()).startsWith("6 findings (4 medium, 2 low); 1 accepted; 0 at or above high").doesNotContain("PC-API-001");
        assertThat(CliRun.of("analyze", TRADING, "--at", AT, "--baseline", baseline.toString(), "--show-accepted").out())
                .contains("ACCEPTED until 2026-12-31 (owner analytics-team: internal analytics only (RISK-12))");
        CliRun expired = CliRun.of("analyze", TRADING, "--at", "2027-01-01T00:00:00Z", "--baseline", baseline.toString());
        assertThat(expired.code()).isEqualTo(1);
        assertThat(expired.out()).contains("ACCEPTANCE EXPIRED on 2026-12-31: a finding again");
        Files.writeString(baseline, "accepted:\n  - {fingerprint: " + fp + ", owner: x, expires: 2027-01-01}\n");
        CliRun incomplete = CliRun.of("analyze", TRADING, "--at", AT, "--baseline", baseline.toString());
        assertThat(incomplete.code()).isEqualTo(2);
        assertThat(incomplete.err()).contains(baseline + ": /accepted/0/justification: missing (expected: why the finding is accepted)");
    }

    @Test
    void writeBaselineStartsAFileThatIsRefusedUntilFilledIn() {
        Path start = dir.resolve("start.yaml");
        CliRun w = CliRun.of("analyze", TRADING, "--at", AT, "--write-baseline", start.toString());
        assertThat(w.err()).contains("wrote 7 entries to " + start + ": fill in each justification and owner");
        assertThat(CliRun.of("analyze", TRADING, "--at", AT, "--baseline", start.toString()).code()).isEqualTo(2);
    }

    @Test
    void sarifOutputIsOneRunWithEveryRuleAndAResultPerFinding() throws IOException {
        JsonNode log = json(CliRun.of("analyze", TRADING, "--at", AT, "--format", "sarif"));
        assertThat(log.get("version").asText()).isEqualTo("2.1.0");
        assertThat(log.at("/runs/0/results")).hasSize(7);
        assertThat(log.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText())
                .endsWith("examples/trading/apis.yaml");
        assertThat(log.at("/runs/0/results/0/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(35);
    }

    @Test
    void theImportedBatfishExportIsAnalysedAndPlacedInTheExport() throws IOException {
        Path export = TestData.path("aws/batfish-hybrid-cloud-us-west-2");
        CliRun r = CliRun.of("analyze", "--aws", export.toString(), "--at", AT, "--format", "json");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        JsonNode report = json(r);
        List<String> critical = new ArrayList<>();
        report.get("findings").forEach(f -> {
            if (f.get("severity").asText().equals("critical")) {
                critical.add(f.at("/resource/named").asText() + " " + f.get("subject").asText());
            }
        });
        // from SecurityGroups.json by hand: SSH from 0.0.0.0/0 in five groups, MySQL in rds-launch-wizard, and the
        // default group of vpc-815775e7 admitting all traffic from 0.0.0.0/0
        assertThat(critical).containsExactlyInAnyOrder(
                "securityGroups[0](sg-331ad04e).ingress[5] tcp/22 0.0.0.0/0",
                "securityGroups[3](sg-6c4d1408).ingress[1] tcp/22 0.0.0.0/0",
                "securityGroups[4](sg-83b348fe).ingress[1] tcp/22 0.0.0.0/0",
                "securityGroups[5](sg-94df21e9).ingress[2] tcp/22 0.0.0.0/0",
                "securityGroups[6](sg-9a1f3ffe).ingress[0] tcp/3306 0.0.0.0/0",
                "securityGroups[8](sg-adcd87d0).ingress[0] all 0.0.0.0/0",
                "securityGroups[9](sg-bb550cdf).ingress[1] tcp/22 0.0.0.0/0");
        JsonNode ssh = report.get("findings").get(0);
        assertThat(ssh.at("/resource/imported/0/file").asText()).isEqualTo(export.resolve("SecurityGroups.json").toString());
        assertThat(ssh.at("/resource/imported/0/pointer").asText()).isEqualTo("/SecurityGroups/0/IpPermissions/1/IpRanges/4");
        // its evidence cites the export as well: the rule that admits, by file and pointer
        assertThat(ssh.at("/evidence/0").asText()).contains(", at " + export.resolve("SecurityGroups.json")
                + "#/SecurityGroups/0/IpPermissions/1/IpRanges/4: securityGroups[0](sg-331ad04e).ingress[5]");
        // and never a line of a configuration file that was not written
        report.get("findings").forEach(f -> f.get("evidence").forEach(e -> assertThat(e.asText())
                .as(f.get("rule").asText()).doesNotContainPattern("\\.yaml(:\\d+)?:")));
        // sg-55510831's rule names sg-cf3f86b3, which the export does not describe
        assertThat(rules(report)).contains("PC-STALE-001 securityGroups[2](sg-55510831).ingress[5]");
    }
}
