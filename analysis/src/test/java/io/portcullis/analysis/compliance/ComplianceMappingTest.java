package io.portcullis.analysis.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.analysis.findings.InvalidInputException;
import io.portcullis.analysis.findings.Rule;
import io.portcullis.analysis.findings.Rules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in mapping covers every rule; users' files merge over it; invalid files are refused precisely. */
class ComplianceMappingTest {

    @TempDir
    Path dir;

    private final ComplianceMapping builtIn = ComplianceMapping.builtIn();

    @Test
    void everyRuleMapsToControlsAndEveryFrameworkIsUsed() {
        assertThat(builtIn.frameworks()).extracting(Framework::id)
                .containsExactly("cis-aws", "pci-dss", "hipaa", "soc2", "nist-800-53");
        for (Rule r : Rules.all()) {
            assertThat(builtIn.controls(r.id())).as(r.id()).isNotEmpty();
            assertThat(builtIn.controls(r.id(), "nist-800-53")).as(r.id() + " in NIST SP 800-53").isNotEmpty();
        }
        for (Framework f : builtIn.frameworks()) {
            assertThat(Rules.all()).as(f.id()).anyMatch(r -> !builtIn.controls(r.id(), f.id()).isEmpty());
        }
    }

    @Test
    void segmentationRulesCarryTheIssuesControls() {
        assertThat(builtIn.controls("PC-SEG-001")).isEqualTo(Map.of("pci-dss", List.of("1.3.1", "1.3.2"),
                "hipaa", List.of("164.312(a)(1)", "164.312(e)(1)", "164.308(a)(4)"), "soc2", List.of("CC6.1", "CC6.6"),
                "nist-800-53", List.of("SC-7", "AC-4")));
        assertThat(builtIn.controls("PC-NET-003", "cis-aws")).containsExactly("5.2", "5.3");
        assertThat(builtIn.tags("PC-NET-003")).contains("cis-aws:5.2", "pci-dss:1.3.1", "nist-800-53:SC-7");
    }

    @Test
    void aUsersFileAddsFrameworksAndReplacesAPairsControls() throws IOException {
        Path f = dir.resolve("mine.yaml");
        Files.writeString(f, """
                frameworks:
                  iso-27001: {name: "ISO/IEC 27001:2022 Annex A"}
                rules:
                  PC-NET-001:
                    iso-27001: ["8.20", "8.22"]
                    pci-dss: ["1.4.2"]
                """);
        ComplianceMapping m = builtIn.merge(f);
        assertThat(m.framework("iso-27001").name()).isEqualTo("ISO/IEC 27001:2022 Annex A");
        assertThat(m.controls("PC-NET-001", "iso-27001")).containsExactly("8.20", "8.22");
        assertThat(m.controls("PC-NET-001", "pci-dss")).as("the user's pair replaces the built-in one").containsExactly("1.4.2");
        assertThat(m.controls("PC-NET-001", "soc2")).as("other pairs are kept").containsExactly("CC6.1", "CC6.6");
        assertThat(builtIn.controls("PC-NET-001", "pci-dss")).as("the built-in mapping is unchanged").containsExactly("1.3.1", "1.4.2");
    }

    @Test
    void everyProblemOfAnInvalidFileIsReportedWithItsPointer() throws IOException {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, """
                frameworks:
                  ISO: {name: x}
                  iso-27001: {title: x}
                rules:
                  PC-NOPE-001: {pci-dss: ["1.1"]}
                  PC-NET-001:
                    iso-27017: ["1"]
                    pci-dss: []
                    soc2: [""]
                    hipaa: "164.312"
                extra: 1
                """);
        assertThatThrownBy(() -> builtIn.merge(f)).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                .containsExactly(
                        f + ": /extra: unknown key (expected one of: frameworks, rules)",
                        f + ": /frameworks/ISO: framework id 'ISO' (expected: lower-case letters, digits, '.', '_' or '-', such as pci-dss)",
                        f + ": /frameworks/iso-27001/title: unknown key (expected one of: controls, name, url)",
                        f + ": /frameworks/iso-27001/name: missing (expected: the framework's full name)",
                        f + ": /rules/PC-NOPE-001: unknown rule 'PC-NOPE-001' (expected one of: "
                                + String.join(", ", Rules.all().stream().map(Rule::id).toList()) + ")",
                        f + ": /rules/PC-NET-001/iso-27017: unknown framework 'iso-27017' (expected one declared under "
                                + "frameworks: cis-aws, pci-dss, hipaa, soc2, nist-800-53)",
                        f + ": /rules/PC-NET-001/pci-dss: empty (expected: at least one control id)",
                        f + ": /rules/PC-NET-001/soc2/0: empty (expected: a control id such as \"1.3.1\" or SC-7)",
                        f + ": /rules/PC-NET-001/hipaa: not a list (expected: a list of control ids such as \"1.3.1\" or SC-7)"));
    }

    @Test
    void anUnknownFrameworkNamesTheKnownOnes() {
        assertThatThrownBy(() -> builtIn.framework("iso")).hasMessage(
                "compliance framework 'iso' (expected one of: cis-aws, pci-dss, hipaa, soc2, nist-800-53)");
    }
}
