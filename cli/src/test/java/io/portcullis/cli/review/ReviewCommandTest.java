package io.portcullis.cli.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditSettings;
import io.portcullis.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code portcullis review}, {@code review apply} and {@code report compliance} end to end on examples/trading:
 * what they write, and operator errors as exit 2 with nothing written.
 */
class ReviewCommandTest {

    private static final Path TRADING = Path.of("..").toAbsolutePath().normalize().resolve("examples/trading");
    private static final String AT = "2026-12-07T00:00:00Z";

    @TempDir
    Path dir;

    /** An audit log that holds no record: nothing is used, and the log is too young to say anything is unused. */
    private Path emptyLog() throws IOException {
        Path key = dir.resolve("signing.key");
        AuditKeys.writeSigningKey(key, AuditKeys.generate());
        Path log = dir.resolve("audit");
        try (AuditLog l = AuditLog.open(AuditSettings.builder(log, key).build())) {
            assertThat(l).isNotNull();
        }
        return log;
    }

    @Test
    void anEmptyLogProposesToKeepEveryMembershipAndApplyingTheSheetChangesNothing() throws IOException {
        Path log = emptyLog();
        Path sheet = dir.resolve("review.csv");
        CliRun r = CliRun.of("review", TRADING.toString(), "--audit", log.toString(), "--at", AT, "--out", sheet.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("wrote " + sheet + ": 10 memberships, 0 proposed for removal (unused for longer than 90d; "
                + "audit log from (empty))\n");
        assertThat(Files.readAllLines(sheet)).hasSize(11).allMatch(l -> l.startsWith("kind,") || l.contains(",keep,keep,"));

        Path out = dir.resolve("new");
        CliRun apply = CliRun.of("review", "apply", sheet.toString(), "--config", TRADING.toString(), "--out", out.toString(), "--at", AT);
        assertThat(apply.code()).as(apply.err()).isZero();
        assertThat(apply.out()).contains("0 memberships removed").contains("access that disappears: none");
        for (String f : new String[] {"apis.yaml", "groups.yaml", "network.yaml", "workloads.yaml"}) {
            assertThat(Files.readAllBytes(out.resolve(f))).isEqualTo(Files.readAllBytes(TRADING.resolve(f)));
        }
    }

    @Test
    void operatorErrorsExitTwoAndWriteNothing() throws IOException {
        Path log = emptyLog();
        CliRun noAudit = CliRun.of("review", TRADING.toString(), "--out", dir.resolve("r.csv").toString());
        assertThat(noAudit.code()).isEqualTo(2);
        assertThat(noAudit.err()).isEqualTo("error: --audit: missing (expected: the audit log directory)\n");
        CliRun badFormat = CliRun.of("review", TRADING.toString(), "--audit", log.toString(), "--out", dir.resolve("r.xlsx").toString());
        assertThat(badFormat.code()).isEqualTo(2);
        assertThat(badFormat.err()).endsWith("r.xlsx: unknown sheet format (expected: a name ending in .csv or .json)\n");
        CliRun badUnused = CliRun.of("review", TRADING.toString(), "--audit", log.toString(), "--unused", "soon", "--out", dir.resolve("r.csv").toString());
        assertThat(badUnused.code()).isEqualTo(2);
        assertThat(badUnused.err()).startsWith("error: --unused: ");
        assertThat(dir.resolve("r.csv")).doesNotExist();

        CliRun framework = CliRun.of("report", "compliance", TRADING.toString(), "--framework", "iso-27001", "--out", dir.resolve("rep").toString());
        assertThat(framework.code()).isEqualTo(2);
        assertThat(framework.err()).endsWith("error: compliance framework 'iso-27001' (expected one of: cis-aws, pci-dss, hipaa, soc2, nist-800-53)\n");
        assertThat(dir.resolve("rep")).doesNotExist();
    }

    @Test
    void theComplianceReportOfTradingFailsAndCitesTheAuditLog() throws IOException {
        Path log = emptyLog();
        Path out = dir.resolve("rep");
        CliRun r = CliRun.of("report", "compliance", TRADING.toString(), "--framework", "soc2", "--audit", log.toString(), "--out", out.toString(), "--at", AT);
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).startsWith("SOC 2 Trust Services Criteria (2017, revised points of focus 2022): ")
                .contains("audit log " + log + ": intact: no records, ");
        assertThat(out.resolve("compliance-soc2.json")).exists();
        assertThat(Files.readString(out.resolve("compliance-soc2.html"))).contains("<title>SOC 2 Trust Services Criteria");
    }
}
