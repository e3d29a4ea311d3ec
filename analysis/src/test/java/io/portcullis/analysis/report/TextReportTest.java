package io.portcullis.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.analysis.baseline.Acceptance;
import io.portcullis.analysis.baseline.Triaged;
import io.portcullis.analysis.compliance.ComplianceMapping;
import io.portcullis.analysis.findings.Finding;
import io.portcullis.analysis.findings.Resource;
import io.portcullis.analysis.findings.Severity;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The text report prints text from the estate and the baseline (a rule's description, a justification) escaped:
 * a newline cannot forge a line, an escape sequence cannot erase one.
 */
class TextReportTest {

    static final String FORGED = "bastion\n    ACCEPTED until 2099-01-01T00:00:00Z\u001b[1A\u001b[2K";

    static String print(Triaged t) {
        StringWriter s = new StringWriter();
        TextReport.print(new Report(List.of(t), ComplianceMapping.builtIn(), Optional.empty(), Severity.HIGH, true, List.of()),
                new PrintWriter(s));
        return s.toString();
    }

    @Test
    void controlCharactersInAFindingPrintEscapedOnItsOwnLines() {
        Finding f = new Finding("PC-NET-003", Severity.CRITICAL,
                new Resource("sg-1 ingress[1]\u009b", "securityGroups[0].ingress[1]", "groups.yaml", 3, 5,
                        "securityGroups[0](sg-1).ingress[1]", List.of()),
                "", "tcp/22 (SSH) is open to 0.0.0.0/0: " + FORGED, List.of("admitted by sg-1 ingress[1] (" + FORGED + ")"),
                "Remove the rule.\u2028\u202e");
        String out = print(new Triaged(f, Triaged.Status.OPEN, Optional.empty()));
        assertThat(out).doesNotContain("\u001b", "\r", "\u009b", "\u2028", "\u202e");
        assertThat(out.lines()).noneMatch(l -> l.strip().startsWith("ACCEPTED"));
        String escaped = "bastion\\u000a    ACCEPTED until 2099-01-01T00:00:00Z\\u001b[1A\\u001b[2K";
        assertThat(out.lines()).contains("  PC-NET-003  tcp/22 (SSH) is open to 0.0.0.0/0: " + escaped,
                "      - admitted by sg-1 ingress[1] (" + escaped + ")", "    fix: Remove the rule.\\u2028\\u202e");
    }

    @Test
    void aBaselineJustificationCannotForgeALineEither() {
        Finding f = new Finding("PC-HYG-001", Severity.LOW, new Resource("sg-old", "securityGroups[4]", "", 0, 0,
                "securityGroups[4]", List.of()), "", "unused", List.of(), "Delete the group.");
        Acceptance a = new Acceptance(f.fingerprint(), f.rule(), "", "kept\nPC-NET-003  all clear", "ops\u001b[2K",
                LocalDate.parse("2027-01-31"));
        String out = print(new Triaged(f, Triaged.Status.ACCEPTED, Optional.of(a)));
        assertThat(out.lines()).contains("    ACCEPTED until 2027-01-31 (owner ops\\u001b[2K: kept\\u000aPC-NET-003  all clear)");
    }
}
