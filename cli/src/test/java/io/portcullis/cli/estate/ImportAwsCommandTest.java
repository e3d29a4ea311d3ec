package io.portcullis.cli.estate;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.cli.CliRun;
import io.portcullis.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code portcullis import aws}: writes a configuration validate accepts, or writes nothing and says why. */
class ImportAwsCommandTest {

    @TempDir
    Path out;

    @Test
    void importsTheBatfishExportAndValidatesIt() {
        CliRun run = CliRun.of("import", "aws", TestData.path("aws/batfish-hybrid-cloud-us-west-2").toString(), "--out", out.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("2 accounts, 4 VPCs, 0 connections, 2 prefix lists, 12 security groups, 9 workloads")
                .contains("report (import-report.md): 11 not represented, 0 skipped, 0 widened, 4 inferred, 1 placeholder, 0 ignored")
                .contains("plan sha256:");
        CliRun validate = CliRun.of("validate", out.toString());
        assertThat(validate.code()).isZero();
        assertThat(validate.out()).contains("valid: 2 accounts, 4 VPCs, 12 security groups, 9 workloads");
        CliRun again = CliRun.of("import", "aws", TestData.path("aws/batfish-hybrid-cloud-us-west-2").toString(), "--out", out.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("already holds configuration or import files").contains("--replace");
        assertThat(CliRun.of("import", "aws", TestData.path("aws/batfish-hybrid-cloud-us-west-2").toString(), "--out", out.toString(),
                "--replace").code()).isZero();
    }

    @Test
    void unreadableInputIsReportedAndNothingIsWritten(@TempDir Path export) throws IOException {
        Files.writeString(export.resolve("SecurityGroups.json"), "{\"SecurityGroups\": [{\"GroupId\": 7}]}");
        Files.writeString(export.resolve("Vpcs.json"), "{\"Vpcs\": [");
        CliRun run = CliRun.of("import", "aws", export.toString(), "--out", out.resolve("cfg").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("error: SecurityGroups.json#/SecurityGroups/0/GroupId: got the number 7 (expected: a security group id, sg-...)")
                .contains("error: Vpcs.json:1:").contains("2 input problem(s); nothing written");
        assertThat(out.resolve("cfg")).doesNotExist();
    }
}
