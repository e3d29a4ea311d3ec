package io.portcullis.cli.assurance;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.cli.CliRun;
import io.portcullis.runtime.Node;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code portcullis probe}: the truth table against a live node on loopback, exit codes, and invalid input. */
class ProbeCommandTest {

    @TempDir
    Path dir;

    private Path config(int acme, int globex, String extra) throws IOException {
        Files.write(dir.resolve("probe.key"), "a probe key of more than thirty-two bytes, for tests".getBytes(StandardCharsets.US_ASCII));
        Path file = dir.resolve("saas.yaml");
        Files.writeString(file, """
                accounts: [{id: "111111111111", name: saas}]
                vpcs: [{id: vpc-saas, account: "111111111111", cidrs: [127.0.20.0/24]}]
                securityGroups:
                  - {id: sg-api-acme, account: "111111111111", vpc: vpc-saas, ingress: [{protocol: tcp, ports: %1$d, from: {group: sg-acme}}]}
                  - {id: sg-api-globex, account: "111111111111", vpc: vpc-saas, ingress: [{protocol: tcp, ports: %2$d, from: {group: sg-globex}}%3$s]}
                  - {id: sg-acme, account: "111111111111", vpc: vpc-saas, tags: {tenant: acme}}
                  - {id: sg-globex, account: "111111111111", vpc: vpc-saas, tags: {tenant: globex}}
                workloads:
                  - {id: acme-1, account: "111111111111", vpc: vpc-saas, addresses: [127.0.20.11], groups: [sg-acme]}
                  - {id: globex-1, account: "111111111111", vpc: vpc-saas, addresses: [127.0.20.21], groups: [sg-globex]}
                apis:
                  - {name: acme, account: "111111111111", vpc: vpc-saas, listen: "127.0.0.1:%1$d", securityGroups: [sg-api-acme],
                     upstream: "http://127.0.0.1:9", tags: {tenant: acme}}
                  - {name: globex, account: "111111111111", vpc: vpc-saas, listen: "127.0.0.1:%2$d", securityGroups: [sg-api-globex],
                     upstream: "http://127.0.0.1:9", tags: {tenant: globex}}
                assurance: {probeKey: probe.key}
                """.formatted(acme, globex, extra));
        return file;
    }

    @Test
    void printsTheTruthTableAndExitsOneOnACrossTenantSuccess() throws IOException {
        int acme = freePort();
        int globex = freePort();
        Path file = config(acme, globex, "");
        try (Node node = Node.builder(List.of(file)).build().start()) {
            CliRun pass = CliRun.of("probe", "--config", file.toString());
            assertThat(pass.code()).as(pass.out() + pass.err()).isZero();
            // the workloads carry no tenant of their own: the groups are the positions, played by their members
            assertThat(pass.out().lines()).anySatisfy(l -> assertThat(l).startsWith("group:111111111111/sg-acme")
                    .containsSubsequence("globex", "deny", "closed before HTTP", "pass", "no-matching-rule"));
            assertThat(pass.out()).endsWith("4 cells: 4 pass, 0 fail (0 cross-tenant, 0 differ), 0 not played\n");
        }
        // the plan the gateway serves lets acme into globex, the file the probe reads does not (a stale plan)
        Path broken = config(acme, globex, ", {protocol: tcp, ports: %d, from: {group: sg-acme}}".formatted(globex));
        try (Node node = Node.builder(List.of(broken)).build().start()) {
            Path stale = dir.resolve("stale.yaml");
            Files.writeString(stale, Files.readString(config(acme, globex, "")));
            CliRun fail = CliRun.of("probe", "--config", stale.toString(), "--tenants", "acme",
                    "--against", "127.0.0.1:" + acme + ",globex=127.0.0.1:" + globex);
            assertThat(fail.code()).as(fail.out()).isEqualTo(1);
            assertThat(fail.out().lines()).anySatisfy(l -> assertThat(l).startsWith("group:111111111111/sg-acme")
                    .containsSubsequence("globex", "deny", "HTTP 204", "FAIL cross-tenant success", "no-matching-rule"));
            assertThat(fail.out()).endsWith("2 cells: 1 pass, 1 fail (1 cross-tenant, 0 differ), 0 not played\n");
        }
    }

    @Test
    void refusesInvalidInputWithExitTwo() throws IOException {
        Path file = config(freePort(), freePort(), "");
        CliRun badAgainst = CliRun.of("probe", "--config", file.toString(), "--against", "billing=127.0.0.1:80");
        assertThat(badAgainst.code()).isEqualTo(2);
        assertThat(badAgainst.err()).contains("--against: unknown API 'billing' (expected one of: [acme, globex])");

        CliRun noTenant = CliRun.of("probe", "--config", file.toString(), "--tenants", "initech");
        assertThat(noTenant.code()).isEqualTo(2);
        assertThat(noTenant.err()).contains("no tenant position");

        Files.writeString(dir.resolve("probe.key"), "short");
        CliRun shortKey = CliRun.of("probe", "--config", file.toString());
        assertThat(shortKey.code()).isEqualTo(2);
        assertThat(shortKey.err()).contains("assurance.probeKey").doesNotContain("short\n");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
