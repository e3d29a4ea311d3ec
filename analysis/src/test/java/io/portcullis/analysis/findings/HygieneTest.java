package io.portcullis.analysis.findings;

import static io.portcullis.analysis.findings.Estates.analyze;
import static io.portcullis.analysis.findings.Estates.lines;
import static io.portcullis.analysis.findings.Estates.of;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PC-STALE-*, PC-HYG-*, PC-EXP-*: stale references, unused groups, redundant and expiring rules. */
class HygieneTest {

    @TempDir
    Path dir;

    private static final String STALE = """
            securityGroups:
              - id: sg-app
                account: "111111111111"
                vpc: vpc-a
                ingress:
                  - {protocol: tcp, ports: 443, from: {group: sg-gone}}
                  - {protocol: tcp, ports: 443, from: {group: sg-island}}
                  - {protocol: tcp, ports: 443, from: {group: "222222222222/sg-b"}}
              - {id: sg-gone, account: "111111111111", vpc: vpc-a, tags: {"portcullis:imported": referenced-only}}
              - {id: sg-island, account: "111111111111", vpc: vpc-c}
              - {id: sg-b, account: "222222222222", vpc: vpc-b}
              - {id: sg-lonely, account: "111111111111", vpc: vpc-a, ingress: [{protocol: tcp, ports: 80, from: {cidr: 10.1.0.0/16}}]}
              - {id: sg-nested, account: "111111111111", vpc: vpc-a, includes: [sg-inner]}
              - {id: sg-inner, account: "111111111111", vpc: vpc-a}
              - {id: sg-vpce, account: "111111111111", vpc: vpc-a}
            vpcEndpoints:
              - {id: vpce-0a1, vpc: vpc-a, account: "111111111111", service: com.amazonaws.us-east-1.execute-api, securityGroups: [sg-gone, sg-vpce]}
            awsApis:
              - {id: a1b2c3d4e5, name: pay, account: "111111111111", region: us-east-1, endpointTypes: [PRIVATE],
                 vpcEndpointIds: [vpce-0a1, vpce-0elsewhere]}
            workloads:
              - {id: app-1, account: "111111111111", vpc: vpc-a, addresses: [10.1.1.10], groups: [sg-app]}
              - {id: b-1, account: "222222222222", vpc: vpc-b, addresses: [10.2.1.10], groups: [sg-b]}
            """;

    @Test
    void aRealGroupTaggedAsAPlaceholderIsAnalysedLikeAnyOther() {
        // the placeholder tag on a group with a rule and members: a tag anyone who may tag a group can write, which
        // must not take the group's findings away
        List<Finding> f = analyze(dir, """
                securityGroups:
                  - id: sg-web
                    account: "111111111111"
                    vpc: vpc-a
                    tags: {"portcullis:imported": referenced-only}
                    ingress: [{protocol: tcp, ports: 22, from: {cidr: 0.0.0.0/0}}]
                workloads:
                  - {id: web-1, account: "111111111111", vpc: vpc-a, addresses: [10.1.1.10], groups: [sg-web]}
                """);
        assertThat(lines(f, Rules.RISKY_PORT)).isNotEmpty();
    }

    @Test
    void staleReferencesAreFoundWhereTheyAreWritten() {
        List<Finding> f = analyze(dir, STALE);
        assertThat(lines(f, Rules.MISSING_GROUP)).containsExactly("securityGroups[0](sg-app).ingress[0] medium");
        assertThat(of(f, Rules.MISSING_GROUP).get(0).evidence().get(1))
                .startsWith("111111111111/sg-gone is tagged portcullis:imported: referenced-only");
        // sg-island is in vpc-c, connected to nothing: the engine marks the rule stale; sg-b is across the peering
        assertThat(lines(f, Rules.UNCONNECTED_REFERENCE)).containsExactly("securityGroups[0](sg-app).ingress[1] low");
        assertThat(of(f, Rules.UNCONNECTED_REFERENCE).get(0).evidence().get(1)).isEqualTo("engine: 111111111111/sg-app "
                + "ingress[1]: references 111111111111/sg-island across VPCs that are not connected; it matches nothing");
        assertThat(lines(f, Rules.ISOLATED_VPC)).containsExactly("vpcs[2](vpc-c) low");
        assertThat(lines(f, Rules.DANGLING_ENDPOINT)).containsExactlyInAnyOrder(
                "awsApis[0](a1b2c3d4e5) low vpce-0elsewhere", "vpcEndpoints[0](vpce-0a1) medium 111111111111/sg-gone");
    }

    @Test
    void aGroupNothingCarriesOrNamesIsUnused() {
        List<Finding> f = analyze(dir, STALE);
        // sg-inner is included, sg-island and sg-gone are referenced, sg-vpce is on the endpoint; sg-nested only
        // includes another and is used by nothing
        assertThat(lines(f, Rules.UNUSED_GROUP)).containsExactlyInAnyOrder(
                "securityGroups[4](sg-lonely) low", "securityGroups[5](sg-nested) low");
    }

    @Test
    void aRuleAnotherRuleOfTheGroupCoversIsRedundant() {
        List<Finding> f = analyze(dir, """
                prefixLists:
                  - {id: pl-office, cidrs: [10.1.5.0/24, 10.1.6.0/24]}
                securityGroups:
                  - id: sg-x
                    account: "111111111111"
                    vpc: vpc-a
                    ingress:
                      - {protocol: tcp, ports: "80-443", from: {cidr: 10.1.0.0/16}}
                      - {protocol: tcp, ports: 443, from: {cidr: 10.1.2.0/24}}
                      - {protocol: tcp, ports: 8443, from: {cidr: 10.1.2.0/24}}
                      - {protocol: tcp, ports: 8443, from: {cidr: 10.1.2.0/24}}
                      - {protocol: tcp, ports: 443, from: {prefixList: pl-office}}
                      - {protocol: udp, ports: 443, from: {cidr: 10.1.2.0/24}}
                      - {protocol: tcp, ports: 9000, from: {cidr: 10.1.0.0/16}, schedule: {from: "08:00", to: "18:00", zone: UTC}}
                      - {protocol: tcp, ports: 9000, from: {cidr: 10.1.2.0/24}}
                      - {protocol: tcp, ports: 9100, from: {cidr: 10.1.0.0/16}, expires: "2027-01-01T00:00:00Z"}
                      - {protocol: tcp, ports: 9100, from: {cidr: 10.1.2.0/24}}
                      - {protocol: all, from: {group: sg-y}}
                      - {protocol: tcp, ports: 22, from: {group: sg-y}}
                  - {id: sg-y, account: "111111111111", vpc: vpc-a}
                workloads:
                  - {id: x-1, account: "111111111111", vpc: vpc-a, addresses: [10.1.1.10], groups: [sg-x, sg-y]}
                """);
        // 1: 443 from a /24 inside the /16 on 80-443; 3: the same as 2, the later one; 4: the prefix list's ranges
        // are in the /16; 5: udp is not tcp; 7: the wider rule is scheduled; 9: the wider rule expires; 11: all
        // traffic from the same group
        assertThat(lines(f, Rules.REDUNDANT_RULE)).containsExactlyInAnyOrder(
                "securityGroups[0](sg-x).ingress[1] low", "securityGroups[0](sg-x).ingress[3] low",
                "securityGroups[0](sg-x).ingress[4] low", "securityGroups[0](sg-x).ingress[11] low");
        assertThat(of(f, Rules.REDUNDANT_RULE).stream().filter(x -> x.resource().path().endsWith("ingress[3]")).findFirst()
                .orElseThrow().message()).isEqualTo("111111111111/sg-x ingress[3] is a duplicate of ingress[2]");
    }

    @Test
    void aPrefixListWithNoEntriesIsNeverCoveredAndItsRuleIsReported() {
        List<Finding> f = analyze(dir, """
                prefixLists:
                  - {id: pl-unknown, cidrs: []}
                securityGroups:
                  - id: sg-x
                    account: "111111111111"
                    vpc: vpc-a
                    ingress:
                      - {protocol: tcp, ports: "1-65535", from: {cidr: 10.1.0.0/16}}
                      - {protocol: tcp, ports: 3306, from: {prefixList: pl-unknown}}
                      - {protocol: tcp, ports: 443, from: {prefixList: pl-unknown}}
                      - {protocol: all, from: {prefixList: pl-unknown}}
                workloads:
                  - {id: x-1, account: "111111111111", vpc: vpc-a, addresses: [10.1.1.10], groups: [sg-x]}
                """);
        // every range of an empty list is vacuously in 10.1.0.0/16, but in AWS the list admits what it holds
        assertThat(lines(f, Rules.REDUNDANT_RULE)).isEmpty();
        // MySQL and all traffic are high-risk ports (PC-NET-003's), 443 is not
        assertThat(lines(f, Rules.UNKNOWN_PREFIX_LIST)).containsExactlyInAnyOrder(
                "securityGroups[0](sg-x).ingress[1] high pl-unknown", "securityGroups[0](sg-x).ingress[2] medium pl-unknown",
                "securityGroups[0](sg-x).ingress[3] high pl-unknown");
        Finding mysql = of(f, Rules.UNKNOWN_PREFIX_LIST).stream().filter(x -> x.resource().path().endsWith("ingress[1]"))
                .findFirst().orElseThrow();
        assertThat(mysql.message()).isEqualTo("111111111111/sg-x ingress[1] admits pl-unknown, whose entries are not in the "
                + "estate: the ranges it admits in AWS are unknown");
        assertThat(mysql.evidence()).hasSize(3);
        assertThat(mysql.evidence().get(1)).startsWith("pl-unknown has no CIDRs, at ").contains("estate.yaml:2:");
        assertThat(mysql.evidence().get(2)).isEqualTo("high-risk: tcp/3306 (MySQL)");
        assertThat(mysql.remediation()).isEqualTo(Rules.UNKNOWN_PREFIX_LIST.remediation());
    }

    private static final String EXPIRING = """
            securityGroups:
              - id: sg-x
                account: "111111111111"
                vpc: vpc-a
                ingress:
                  - {protocol: tcp, ports: 443, from: {cidr: 10.1.1.0/24}, expires: "2026-01-01T00:00:00Z"}
                  - {protocol: tcp, ports: 443, from: {cidr: 10.1.2.0/24}, expires: "2026-12-20T00:00:00Z"}
                  - {protocol: tcp, ports: 443, from: {cidr: 10.1.3.0/24}, expires: "2027-03-01T00:00:00Z"}
                  - {protocol: tcp, ports: 443, from: {cidr: 10.1.4.0/24}}
            workloads:
              - {id: x-1, account: "111111111111", vpc: vpc-a, addresses: [10.1.1.10], groups: [sg-x]}
            """;

    @Test
    void expiredAndSoonExpiringRulesAreReported() {
        List<Finding> f = analyze(dir, EXPIRING);
        assertThat(lines(f, Rules.EXPIRED_RULE)).containsExactly("securityGroups[0](sg-x).ingress[0] low");
        assertThat(of(f, Rules.EXPIRED_RULE).get(0).message())
                .isEqualTo("111111111111/sg-x ingress[0] expired at 2026-01-01T00:00:00Z (340 days ago)");
        assertThat(lines(f, Rules.EXPIRING_RULE)).containsExactly("securityGroups[0](sg-x).ingress[1] info");
        assertThat(of(f, Rules.EXPIRING_RULE).get(0).message())
                .isEqualTo("111111111111/sg-x ingress[1] expires at 2026-12-20T00:00:00Z (in 13 days)");
    }

    @Test
    void theExpiryWindowIsConfigurable() {
        List<Finding> f = analyze(dir, EXPIRING, AnalysisSettings.DEFAULTS.withExpiringWithin(Duration.ofDays(120)));
        assertThat(lines(f, Rules.EXPIRING_RULE)).containsExactlyInAnyOrder(
                "securityGroups[0](sg-x).ingress[1] info", "securityGroups[0](sg-x).ingress[2] info");
    }
}
