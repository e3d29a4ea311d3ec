package io.portcullis.analysis.sarif;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.analysis.baseline.Acceptance;
import io.portcullis.analysis.baseline.Triaged;
import io.portcullis.analysis.compliance.ComplianceMapping;
import io.portcullis.analysis.findings.Finding;
import io.portcullis.analysis.findings.Resource;
import io.portcullis.analysis.findings.Rules;
import io.portcullis.analysis.findings.Severity;
import io.portcullis.analysis.report.Report;
import java.net.URI;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The SARIF 2.1.0 log has what the schema requires and what code-scanning UIs read (no schema validator is
 * available offline, so each required property is checked here): version and $schema; runs[].tool.driver.name
 * and rules with id, name, shortDescription.text, helpUri (absolute) and properties.tags; results with ruleId,
 * ruleIndex pointing at that rule, level from the SARIF enumeration, message.text, locations with an
 * artifactLocation uri and a 1-based region, and partialFingerprints.
 */
class SarifReportTest {

    private static final Set<String> LEVELS = Set.of("none", "note", "warning", "error");

    private static Triaged open(Finding f) {
        return new Triaged(f, Triaged.Status.OPEN, Optional.empty());
    }

    private final Finding ssh = new Finding("PC-NET-003", Severity.CRITICAL,
            new Resource("securityGroups(1/sg-b).ingress(tcp/22 from 0.0.0.0/0)", "securityGroups[0].ingress[1]",
                    "estate dir/groups.yaml", 12, 9, "securityGroups[0](sg-b).ingress[1]",
                    List.of(new Resource.ImportSource("SecurityGroups.json", "/SecurityGroups/0/IpPermissions/1"))),
            "tcp/22 0.0.0.0/0", "tcp/22 (SSH) is open to 0.0.0.0/0", List.of("admitted by ..."), "Remove the rule.");
    private final Finding unplaced = new Finding("PC-HYG-001", Severity.LOW,
            new Resource("securityGroups(1/sg-old)", "securityGroups[4]", "", 0, 0, "securityGroups[4]", List.of()),
            "", "unused", List.of(), "Delete the group.");
    private final Finding accepted = new Finding("PC-XACCT-001", Severity.MEDIUM,
            new Resource("securityGroups(1/sg-a).ingress(tcp/443 from 2/sg-c)", "securityGroups[1].ingress[0]",
                    "/abs/groups.yaml", 20, 9, "securityGroups[1](sg-a).ingress[0]", List.of()),
            "", "cross-account", List.of(), "Confirm.");

    private JsonNode log() {
        Acceptance a = new Acceptance(accepted.fingerprint(), accepted.rule(), "", "partner contract P-9", "ops", LocalDate.parse("2027-01-31"));
        Report report = new Report(List.of(open(ssh), open(unplaced), new Triaged(accepted, Triaged.Status.ACCEPTED, Optional.of(a))),
                ComplianceMapping.builtIn(), Optional.empty(), Severity.HIGH, false, List.of());
        return SarifReport.tree(report, "1.2.3", URI.create("https://example.com/docs/analyze.md"));
    }

    @Test
    void theLogHasTheRequiredTopLevelAndDriverProperties() {
        JsonNode log = log();
        assertThat(log.get("version").asText()).isEqualTo("2.1.0");
        assertThat(log.get("$schema").asText()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
        assertThat(log.get("runs")).hasSize(1);
        JsonNode driver = log.at("/runs/0/tool/driver");
        assertThat(driver.get("name").asText()).isEqualTo("Portcullis");
        assertThat(driver.get("version").asText()).isEqualTo("1.2.3");
        JsonNode rules = driver.get("rules");
        assertThat(rules).hasSize(Rules.all().size());
        Set<String> ids = new HashSet<>();
        for (JsonNode r : rules) {
            assertThat(ids.add(r.get("id").asText())).as("rule ids are unique").isTrue();
            assertThat(r.get("name").asText()).matches("[A-Z][A-Za-z]+");
            assertThat(r.at("/shortDescription/text").asText()).isNotBlank();
            assertThat(URI.create(r.get("helpUri").asText()).isAbsolute()).isTrue();
            assertThat(LEVELS).contains(r.at("/defaultConfiguration/level").asText());
            assertThat(r.at("/properties/tags").isArray()).isTrue();
        }
        JsonNode net3 = rules.get(2);
        assertThat(net3.get("id").asText()).isEqualTo("PC-NET-003");
        assertThat(net3.get("helpUri").asText()).isEqualTo("https://example.com/docs/analyze.md#pc-net-003");
        assertThat(net3.at("/properties/tags")).extracting(JsonNode::asText).contains("security", "cis-aws:5.2", "pci-dss:1.3.1");
        assertThat(net3.at("/properties/security-severity").asText()).isEqualTo("9.5");
    }

    @Test
    void eachResultNamesItsRuleLevelLocationAndFingerprint() {
        JsonNode log = log();
        JsonNode results = log.at("/runs/0/results");
        assertThat(results).hasSize(3);
        for (JsonNode r : results) {
            String rule = r.get("ruleId").asText();
            assertThat(log.at("/runs/0/tool/driver/rules/" + r.get("ruleIndex").asInt() + "/id").asText()).isEqualTo(rule);
            assertThat(LEVELS).contains(r.get("level").asText());
            assertThat(r.at("/message/text").asText()).isNotBlank();
            assertThat(r.at("/partialFingerprints/portcullisFinding~1v1").asText()).hasSize(32);
            assertThat(r.get("locations")).hasSize(1);
        }
        JsonNode first = results.get(0);
        assertThat(first.get("level").asText()).isEqualTo("error");
        assertThat(first.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("estate%20dir/groups.yaml");
        assertThat(first.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(12);
        assertThat(first.at("/locations/0/physicalLocation/region/startColumn").asInt()).isEqualTo(9);
        assertThat(first.at("/partialFingerprints/portcullisFinding~1v1").asText()).isEqualTo(ssh.fingerprint());
        assertThat(first.at("/properties/imported/0/pointer").asText()).isEqualTo("/SecurityGroups/0/IpPermissions/1");
        JsonNode second = results.get(1);
        assertThat(second.get("level").asText()).isEqualTo("note");
        assertThat(second.at("/locations/0/physicalLocation").isMissingNode()).as("no file, no physical location").isTrue();
        assertThat(second.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText()).isEqualTo("securityGroups[4]");
        JsonNode third = results.get(2);
        assertThat(third.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("file:///abs/groups.yaml");
        assertThat(third.at("/suppressions/0/kind").asText()).isEqualTo("external");
        assertThat(third.at("/suppressions/0/status").asText()).isEqualTo("accepted");
        assertThat(third.at("/suppressions/0/justification").asText()).isEqualTo("partner contract P-9 (owner ops, until 2027-01-31)");
    }
}
