package io.portcullis.analysis.findings;

import static io.portcullis.analysis.findings.Estates.analyze;
import static io.portcullis.analysis.findings.Estates.lines;
import static io.portcullis.analysis.findings.Estates.of;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PC-NET-001, PC-NET-002 and PC-NET-003, each decided by hand from the rules below. */
class WideSourcesTest {

    @TempDir
    Path dir;

    private static final String API = """
            securityGroups:
              - id: sg-api
                account: "111111111111"
                vpc: vpc-a
                ingress:
                  - {protocol: tcp, ports: 8443, from: {cidr: 0.0.0.0/0}}
                  - {protocol: tcp, ports: 8443, from: {cidr: 10.0.0.0/8}}
                  - {protocol: tcp, ports: 8443, from: {cidr: 10.1.0.0/16}}
                  - {protocol: tcp, ports: 8443, from: {cidr: "::/0"}}
                  - {protocol: tcp, ports: 8443, from: {cidr: "2001:db8::/32"}}
                  - {protocol: tcp, ports: 8443, from: {cidr: "2001:db8:1::/48"}}
                  - {protocol: tcp, ports: 9000, from: {cidr: 0.0.0.0/0}}
                  - {protocol: tcp, ports: 8443, from: {cidr: 0.0.0.0/1}, expires: "2026-01-01T00:00:00Z"}
            apis:
              - {name: orders, account: "111111111111", vpc: vpc-a, listen: "10.1.0.10:8443", securityGroups: [sg-api], upstream: "http://127.0.0.1:9000"}
            """;

    @Test
    void anApiReachableFromEveryAddressOrAWideRangeIsAFindingPerRange() {
        List<Finding> f = analyze(dir, API);
        // /16 and /48 are not wider than the defaults; tcp/9000 is not the listen port; the /1 rule has expired
        assertThat(lines(f, Rules.API_WIDE_SOURCE)).containsExactlyInAnyOrder(
                "apis[0](orders) high 0.0.0.0/0", "apis[0](orders) high ::/0",
                "apis[0](orders) medium 10.0.0.0/8", "apis[0](orders) medium 2001:db8::/32");
        Finding every = of(f, Rules.API_WIDE_SOURCE).get(0);
        assertThat(every.message()).isEqualTo("orders is reachable on tcp/8443 from 0.0.0.0/0 (every IPv4 address)");
        assertThat(every.evidence().get(1)).startsWith("admitted by 111111111111/sg-api ingress[0] tcp/8443 from 0.0.0.0/0, at ")
                .endsWith("estate.yaml:6:9: securityGroups[0](sg-api).ingress[0]");
        assertThat(every.resource().file()).endsWith("estate.yaml");
        assertThat(every.resource().line()).isEqualTo(15);
        assertThat(lines(f, Rules.GROUP_WIDE_SOURCE)).as("the API's group is reported through the API").isEmpty();
    }

    @Test
    void theAllowedPrefixIsConfigurable() {
        List<Finding> f = analyze(dir, API, AnalysisSettings.DEFAULTS.withMaxPrefix(8, 32));
        assertThat(lines(f, Rules.API_WIDE_SOURCE)).containsExactlyInAnyOrder(
                "apis[0](orders) high 0.0.0.0/0", "apis[0](orders) high ::/0");
    }

    private static final String GROUPS = """
            securityGroups:
              - id: sg-web
                account: "111111111111"
                vpc: vpc-a
                ingress:
                  - {protocol: tcp, ports: 443, from: {cidr: 0.0.0.0/0}}
                  - {protocol: tcp, ports: 22, from: {cidr: 0.0.0.0/0}}
                  - {protocol: tcp, ports: "3300-3310", from: {cidr: 10.0.0.0/8}}
                  - {protocol: tcp, ports: 22, from: {cidr: 10.1.2.0/24}}
                  - {protocol: tcp, ports: 5432, from: {cidr: "::/0"}}
              - id: sg-open
                account: "111111111111"
                vpc: vpc-a
                ingress:
                  - {protocol: all, from: {cidr: 0.0.0.0/0}}
            workloads:
              - {id: web-1, account: "111111111111", vpc: vpc-a, addresses: [10.1.1.10], groups: [sg-web, sg-open]}
            """;

    @Test
    void aGroupNoApiCarriesIsReportedOnTheRuleThatOpensIt() {
        List<Finding> f = analyze(dir, GROUPS);
        assertThat(lines(f, Rules.GROUP_WIDE_SOURCE)).containsExactlyInAnyOrder(
                "securityGroups[0](sg-web).ingress[0] medium 0.0.0.0/0",
                "securityGroups[0](sg-web).ingress[1] medium 0.0.0.0/0",
                "securityGroups[0](sg-web).ingress[2] low 10.0.0.0/8",
                "securityGroups[0](sg-web).ingress[4] medium ::/0",
                "securityGroups[1](sg-open).ingress[0] medium 0.0.0.0/0");
        assertThat(of(f, Rules.GROUP_WIDE_SOURCE).get(0).evidence()).contains("carried by workload web-1");
    }

    @Test
    void riskyPortsOpenWideAreCriticalForEveryAddressAndAllTrafficIsReportedOnce() {
        List<Finding> f = analyze(dir, GROUPS);
        // 443 is not risky; 22 from a /24 is narrow; 3306 falls in 3300-3310; the all-traffic rule once, as all
        assertThat(lines(f, Rules.RISKY_PORT)).containsExactlyInAnyOrder(
                "securityGroups[0](sg-web).ingress[1] critical tcp/22 0.0.0.0/0",
                "securityGroups[0](sg-web).ingress[2] high tcp/3306 10.0.0.0/8",
                "securityGroups[0](sg-web).ingress[4] critical tcp/5432 ::/0",
                "securityGroups[1](sg-open).ingress[0] critical all 0.0.0.0/0");
        assertThat(of(f, Rules.RISKY_PORT).stream().filter(x -> x.subject().startsWith("all")).findFirst().orElseThrow().message())
                .isEqualTo("all traffic is open to 0.0.0.0/0 (every IPv4 address) on members of 111111111111/sg-open");
    }

    @Test
    void theRiskyPortsAreConfigurable() {
        List<Finding> f = analyze(dir, GROUPS, AnalysisSettings.DEFAULTS.withRiskyPorts(List.of(RiskyPort.parse("tcp/443"))));
        // without "all" in the list, the all-traffic rule is reported for the port it opens
        assertThat(lines(f, Rules.RISKY_PORT)).containsExactlyInAnyOrder(
                "securityGroups[0](sg-web).ingress[0] critical tcp/443 0.0.0.0/0",
                "securityGroups[1](sg-open).ingress[0] critical tcp/443 0.0.0.0/0");
    }

    @Test
    void narrowSourcesAndGroupReferencesAreNotWide() {
        List<Finding> f = analyze(dir, """
                securityGroups:
                  - id: sg-db
                    account: "111111111111"
                    vpc: vpc-a
                    ingress:
                      - {protocol: tcp, ports: 5432, from: {group: sg-app}}
                      - {protocol: tcp, ports: 22, from: {cidr: 10.1.9.0/24}}
                  - {id: sg-app, account: "111111111111", vpc: vpc-a}
                workloads:
                  - {id: db-1, account: "111111111111", vpc: vpc-a, addresses: [10.1.1.20], groups: [sg-db]}
                  - {id: app-1, account: "111111111111", vpc: vpc-a, addresses: [10.1.1.21], groups: [sg-app]}
                """);
        assertThat(of(f, Rules.GROUP_WIDE_SOURCE)).isEmpty();
        assertThat(of(f, Rules.RISKY_PORT)).isEmpty();
        assertThat(of(f, Rules.API_WIDE_SOURCE)).isEmpty();
    }
}
