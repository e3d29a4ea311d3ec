package io.portcullis.cli.change;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.cli.CliRun;
import io.portcullis.runtime.change.ChangeFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tenant add} on examples/saas (three tenants from one template): a fourth tenant's proposal whose diff shows it
 * reaches its own API and nothing of anyone else's; a template that would let it reach another tenant is refused by
 * the check and writes no change record; template problems are placed at their line and column.
 */
class TenantAddCommandTest {

    @TempDir
    Path dir;

    private Path config;
    private Path template;

    @BeforeEach
    void copy() throws IOException {
        config = Files.createDirectories(dir.resolve("config"));
        try (var files = Files.list(Path.of("../examples/saas/config"))) {
            for (Path p : files.toList()) {
                Files.copy(p, config.resolve(p.getFileName().toString()));
            }
        }
        template = Files.copy(Path.of("../examples/saas/tenant-template.yaml"), dir.resolve("template.yaml"));
    }

    @Test
    void aFourthTenantReachesItsOwnApiAndNothingElse() throws IOException {
        Path change = dir.resolve("umbrella.json");
        CliRun run = CliRun.of("tenant", "add", "--template", template.toString(), "--tenant", "umbrella", "--config",
                config.toString(), "--set", "port=8444", "--set", "address=10.50.4.10", "--author", "dave", "--out",
                change.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains(
                "check reaches-own-apis: pass (api/umbrella-api by workload umbrella-app-1)\n",
                "check reaches-nothing-else: pass (no access gained by tenant umbrella to an API that is not its own)\n",
                "check others-unchanged: pass (no other API's access, policy, identity or limits change)\n",
                "  diff   1 API(s) differ: umbrella-api (2 gained, 0 lost, identity, limits)");
        assertThat(Files.readString(dir.resolve("config-umbrella/tenant-umbrella.yaml")))
                .contains("id: sg-umbrella-api", "addresses: [10.50.4.10]");
        ChangeFile written = ChangeFile.read(change);
        assertThat(written.change().version()).isEqualTo(2);
        assertThat(written.change().diff().path("apis").get(0).path("id").asText()).isEqualTo("umbrella-api");
        assertThat(written.change().reason()).isEqualTo("onboard tenant umbrella");
    }

    @Test
    void aTemplateThatReachesAnotherTenantFailsTheCheckAndWritesNoRecord() throws IOException {
        // The new tenant's workload also in acme's clients group: acme's API then admits it.
        Files.writeString(template, Files.readString(template).replace("groups: [sg-${tenant}-clients]",
                "groups: [sg-${tenant}-clients, sg-acme-clients]"));
        Path change = dir.resolve("umbrella.json");
        CliRun run = CliRun.of("tenant", "add", "--template", template.toString(), "--tenant", "umbrella", "--config",
                config.toString(), "--set", "port=8444", "--set", "address=10.50.4.10", "--author", "dave", "--out",
                change.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("check reaches-nothing-else: FAIL (workload umbrella-app-1 -> API acme-api)",
                "check others-unchanged: FAIL (API acme-api (1 gained, 0 lost, 0 policy, 0 identity, 0 limits))",
                "a check failed: no change record written");
        assertThat(change).doesNotExist();
    }

    @Test
    void aPlaceholderWithoutAValueIsPlacedAndNothingIsWritten() {
        CliRun run = CliRun.of("tenant", "add", "--template", template.toString(), "--tenant", "umbrella", "--config",
                config.toString(), "--set", "port=8444", "--author", "dave", "--out", dir.resolve("c.json").toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains(template + ":15:80: ${address} has no value (expected: --set address=VALUE, or ${tenant})");
        assertThat(dir.resolve("config-umbrella")).doesNotExist();
    }
}
