package io.portcullis.analysis.findings;

import static io.portcullis.analysis.findings.Estates.analyze;
import static io.portcullis.analysis.findings.Estates.lines;
import static io.portcullis.analysis.findings.Estates.of;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PC-XACCT-*, PC-SEG-001, PC-QUOTA-*, PC-API-001: who crosses accounts, tenants and tiers; quotas; source restriction. */
class AccessTest {

    @TempDir
    Path dir;

    private static final String SHARED = """
            securityGroups:
              - id: sg-api
                account: "111111111111"
                vpc: vpc-a
                tags: {data: clinical}
                ingress:
                  - {protocol: tcp, ports: 8443, from: {group: "222222222222/sg-batch"}}
                  - {protocol: tcp, ports: 8443, from: {group: sg-vendors}}
                  - {protocol: tcp, ports: 8443, from: {group: sg-billing}}
                  - {protocol: tcp, ports: 8443, from: {group: sg-labs}}
              - {id: sg-batch, account: "222222222222", vpc: vpc-b}
              - {id: sg-vendors, account: "111111111111", vpc: vpc-a}
              - {id: sg-billing, account: "111111111111", vpc: vpc-a, tags: {data: billing}}
              - {id: sg-labs, account: "111111111111", vpc: vpc-a, tags: {data: clinical}}
            partners:
              - {id: acme, account: "999999999999", cidrs: [203.0.113.0/24], groups: ["111111111111/sg-vendors"]}
              - {id: sister, account: "111111111111", cidrs: [198.51.100.0/24], groups: ["111111111111/sg-vendors"]}
            workloads:
              - {id: batch-1, account: "222222222222", vpc: vpc-b, addresses: [10.2.1.10], groups: [sg-batch], labels: {data: billing}}
              - {id: bill-1, account: "111111111111", vpc: vpc-a, addresses: [10.1.1.11], groups: [sg-billing]}
              - {id: lab-1, account: "111111111111", vpc: vpc-a, addresses: [10.1.1.12], groups: [sg-labs]}
            apis:
              - name: records
                account: "111111111111"
                vpc: vpc-a
                listen: "10.1.0.10:8443"
                securityGroups: [sg-api]
                upstream: "http://127.0.0.1:9000"
                tags: {data: clinical}
            """;

    @Test
    void otherAccountsGroupsAndPartnersAreReported() {
        List<Finding> f = analyze(dir, SHARED);
        assertThat(lines(f, Rules.CROSS_ACCOUNT_GROUP)).containsExactly("securityGroups[0](sg-api).ingress[0] medium");
        // the partner "sister" is of the API's own account
        assertThat(lines(f, Rules.CROSS_ACCOUNT_PARTNER)).containsExactly("apis[0](records) medium acme");
        assertThat(of(f, Rules.CROSS_ACCOUNT_PARTNER).get(0).evidence().get(1))
                .startsWith("admitted by 111111111111/sg-api ingress[1] tcp/8443 from 111111111111/sg-vendors, at ");
    }

    @Test
    void aBillingSourceReachingAClinicalTargetCrossesTheBoundary() {
        List<Finding> f = analyze(dir, SHARED);
        // the API and its group are both clinical targets; the billing group and the labelled batch workload reach
        // both (bill-1 has no label of its own and its account none: its group stands for it); the clinical lab
        // group does not cross
        assertThat(lines(f, Rules.BOUNDARY_CROSSING)).containsExactlyInAnyOrder(
                "apis[0](records) high data workload batch-1", "apis[0](records) high data group 111111111111/sg-billing",
                "securityGroups[0](sg-api) high data workload batch-1",
                "securityGroups[0](sg-api) high data group 111111111111/sg-billing");
        Finding group = of(f, Rules.BOUNDARY_CROSSING).stream()
                .filter(x -> x.subject().equals("data group 111111111111/sg-billing") && x.resource().path().equals("apis[0]"))
                .findFirst().orElseThrow();
        assertThat(group.message()).isEqualTo("group 111111111111/sg-billing (data: billing) reaches API records (data: clinical)");
        assertThat(group.evidence().get(2)).isEqualTo("engine: a member of 111111111111/sg-billing → member of "
                + "111111111111/sg-billing → 111111111111/sg-api ingress[2] tcp/8443 from 111111111111/sg-billing");
    }

    @Test
    void anAllowedCrossingAndKeysNotListedAreNotReported() {
        var allow = AnalysisSettings.DEFAULTS.withBoundaries(List.of("data"),
                List.of(new AnalysisSettings.Crossing("data", "billing", "clinical")));
        assertThat(of(analyze(dir, SHARED, allow), Rules.BOUNDARY_CROSSING)).isEmpty();
        var other = AnalysisSettings.DEFAULTS.withBoundaries(List.of("tenant"), List.of());
        assertThat(of(analyze(dir, SHARED, other), Rules.BOUNDARY_CROSSING)).isEmpty();
    }

    @Test
    void tenantsDeclaredByAccountTagAreBoundaries() {
        String network = Estates.NETWORK.replace("{id: \"111111111111\", name: a}", "{id: \"111111111111\", name: a, tags: {tenant: acme}}")
                .replace("{id: \"222222222222\", name: b}", "{id: \"222222222222\", name: b, tags: {tenant: globex}}");
        List<Finding> f = analyze(dir, network, SHARED, AnalysisSettings.DEFAULTS.withBoundaries(List.of("tenant"), List.of()));
        // batch-1 and sg-batch are globex's (account B); the API, its group and the other groups are acme's
        assertThat(lines(f, Rules.BOUNDARY_CROSSING)).containsExactlyInAnyOrder(
                "apis[0](records) high tenant workload batch-1", "apis[0](records) high tenant group 222222222222/sg-batch",
                "securityGroups[0](sg-api) high tenant workload batch-1",
                "securityGroups[0](sg-api) high tenant group 222222222222/sg-batch");
    }

    @Test
    void quotasNearAndOverTheirLimits() {
        StringBuilder y = new StringBuilder("securityGroups:\n");
        for (String[] g : new String[][] {{"sg-near", "48"}, {"sg-over", "61"}, {"sg-fine", "47"}}) {
            y.append("  - id: ").append(g[0]).append("\n    account: \"111111111111\"\n    vpc: vpc-a\n    ingress:\n");
            for (int i = 0; i < Integer.parseInt(g[1]); i++) {
                y.append("      - {protocol: tcp, ports: ").append(1000 + i).append(", from: {cidr: 10.1.0.0/16}}\n");
            }
        }
        y.append("  - {id: sg-v6, account: \"111111111111\", vpc: vpc-a, ingress: [{protocol: tcp, ports: 1, from: {cidr: \"fd00:1::/64\"}}]}\n");
        for (int i = 1; i <= 6; i++) {
            y.append("  - {id: sg-g").append(i).append(", account: \"111111111111\", vpc: vpc-a}\n");
        }
        y.append("workloads:\n")
                .append("  - {id: w-4, account: \"111111111111\", vpc: vpc-a, addresses: [10.1.1.4], groups: [sg-g1, sg-g2, sg-g3, sg-g4]}\n")
                .append("  - {id: w-6, account: \"111111111111\", vpc: vpc-a, addresses: [10.1.1.6], groups: [sg-g1, sg-g2, sg-g3, sg-g4, sg-g5, sg-g6]}\n")
                .append("  - {id: w-3, account: \"111111111111\", vpc: vpc-a, addresses: [10.1.1.3], groups: [sg-near, sg-over, sg-fine]}\n")
                .append("  - {id: w-1, account: \"111111111111\", vpc: vpc-a, addresses: [10.1.1.1], groups: [sg-v6]}\n");
        List<Finding> f = analyze(dir, y.toString());
        // near: 80 % of 60 is 48; of 5, 4
        assertThat(lines(f, Rules.RULES_QUOTA)).containsExactlyInAnyOrder(
                "securityGroups[0](sg-near) info", "securityGroups[1](sg-over) medium");
        assertThat(of(f, Rules.RULES_QUOTA).stream().filter(x -> x.severity() == Severity.MEDIUM).findFirst().orElseThrow().message())
                .isEqualTo("111111111111/sg-over has 61 inbound IPv4 rule entries (over the quota of 60)");
        assertThat(lines(f, Rules.GROUPS_QUOTA)).containsExactlyInAnyOrder("workloads[0](w-4) info", "workloads[1](w-6) medium");
        List<Finding> raised = analyze(dir, y.toString(), AnalysisSettings.DEFAULTS.withQuotas(100, 10, 0.8));
        assertThat(of(raised, Rules.RULES_QUOTA)).isEmpty();
        assertThat(of(raised, Rules.GROUPS_QUOTA)).isEmpty();
    }

    @Test
    void anApiWithoutASourceRestrictionIsReportedAsValidateWarns() {
        String restricted = SHARED.replace("    tags: {data: clinical}\n\"\"\"", "") + """
                    resourcePolicy:
                      Version: "2012-10-17"
                      Statement:
                        - {Effect: Allow, Principal: "*", Action: "execute-api:Invoke", Resource: "*"}
                        - Effect: Deny
                          Principal: "*"
                          Action: "execute-api:Invoke"
                          Resource: "*"
                          Condition: {StringNotEquals: {"aws:SourceVpce": vpce-0a1}}
                """;
        assertThat(lines(analyze(dir, SHARED), Rules.UNRESTRICTED_API)).containsExactly("apis[0](records) high");
        assertThat(of(analyze(dir, SHARED), Rules.UNRESTRICTED_API).get(0).evidence())
                .containsExactly("records has no resource policy", "the network layer admits 5 caller(s) now (workloads, "
                        + "partners, ranges), through any VPC endpoint that reaches the listener");
        assertThat(of(analyze(dir, restricted), Rules.UNRESTRICTED_API)).isEmpty();
        String open = restricted.replace("Condition: {StringNotEquals: {\"aws:SourceVpce\": vpce-0a1}}",
                "Condition: {StringNotEquals: {\"aws:PrincipalAccount\": \"111111111111\"}}");
        assertThat(of(analyze(dir, open), Rules.UNRESTRICTED_API).get(0).evidence().get(0))
                .startsWith("no statement of records's resource policy conditions on aws:SourceVpc or aws:SourceVpce, at ")
                .endsWith("apis[0](records).resourcePolicy");
    }
}
