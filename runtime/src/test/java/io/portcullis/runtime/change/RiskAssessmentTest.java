package io.portcullis.runtime.change;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.ValidationReport;
import io.portcullis.config.digest.PlanDigest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The risk rules on examples/trading and one edit at a time: each rule's level and what it names. */
class RiskAssessmentTest {


    @TempDir
    Path dir;

    private PortcullisConfig base;
    private PlanDigest baseDigest;

    @BeforeEach
    void copy() throws IOException {
        TradingCopy.into(dir);
        base = load();
        baseDigest = PlanDigest.of(base);
    }

    @Test
    void removingRulesOnlyIsLow() throws IOException {
        RiskAssessment risk = after("groups.yaml", """
                      - protocol: tcp
                        ports: 8443
                        from: { group: "222222222222/sg-batch" }   # cross-account, across the peering
                        description: settlement batch
                        justification: end-of-day settlement reads the day's fills (SET-4)
                """, "");

        assertThat(risk.level()).isEqualTo(RiskLevel.LOW);
        assertThat(risk.contributions()).singleElement().isEqualTo(new RiskAssessment.Contribution("access-only-removed",
                RiskLevel.LOW, "only ingress rules removed: 111111111111/sg-orders-api (1)"));
    }

    @Test
    void aRuleFromTheInternetIsHighAndSoIsAWideCidrAddedToAPrefixListInUse() throws IOException {
        String legacy = "        justification: the legacy FIX gateway until its clients move to the orders API (MIG-31)\n";
        RiskAssessment internet = after("groups.yaml", legacy, legacy + "      - {protocol: tcp, ports: 8443, from: {cidr: 0.0.0.0/0}}\n");
        assertThat(internet.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(internet.contributions()).extracting(RiskAssessment.Contribution::detail)
                .containsExactly("111111111111/sg-orders-api ingress[4] from 0.0.0.0/0 (the internet)");

        copy();
        RiskAssessment prefixList = after("network.yaml", "cidrs: [10.99.0.0/16]", "cidrs: [10.99.0.0/16, 10.0.0.0/8]");
        assertThat(prefixList.contributions()).extracting(RiskAssessment.Contribution::detail)
                .containsExactly("111111111111/sg-orders-api ingress[2] from prefix list pl-corp-vpn holding 10.0.0.0/8");
    }

    @Test
    void losingTheSourceConditionOrTheTokenCheckIsHigh() throws IOException {
        RiskAssessment risk = after("apis.yaml", "\"aws:SourceVpc\": [vpc-trading, vpc-platform]", "\"aws:PrincipalAccount\": [\"111111111111\"]");
        assertThat(risk.contributions()).extracting(RiskAssessment.Contribution::rule).containsExactly("source-restriction-removed");

        copy();
        risk = after("apis.yaml", "      jwt: {issuer: \"https://idp.trading.example\", audiences: [orders], algorithms: [ES256], jwks: keys/idp-jwks.json}\n"
                + "      # A token is honoured only from a workload carrying one of the groups it names, in the account it names.\n"
                + "      bind: {groupsClaim: groups, accountClaim: account}\n", "");
        assertThat(risk.contributions()).extracting(RiskAssessment.Contribution::rule).contains("token-verification-removed");
    }

    @Test
    void aNodeSectionOrAnotherEditIsHighOrMedium() throws IOException {
        RiskAssessment node = after("apis.yaml", "apis:\n", "autoBlock: {failures: 5}\napis:\n");
        assertThat(node.contributions()).singleElement().isEqualTo(new RiskAssessment.Contribution("node-section-changed",
                RiskLevel.HIGH, "node sections changed: autoBlock"));

        copy();
        RiskAssessment other = after("groups.yaml", "description: settlement batch", "description: settlement");
        assertThat(other).isEqualTo(new RiskAssessment(RiskLevel.MEDIUM, List.of(new RiskAssessment.Contribution(
                "other-change", RiskLevel.MEDIUM, "changed: securityGroups"))));
    }

    @Test
    void nothingServedYetIsHigh() {
        assertThat(RiskAssessment.of(null, null, base, baseDigest).contributions()).extracting(RiskAssessment.Contribution::rule)
                .containsExactly("first-plan");
    }

    private RiskAssessment after(String file, String from, String to) throws IOException {
        Path f = dir.resolve(file);
        String text = Files.readString(f);
        assertThat(text).contains(from);
        Files.writeString(f, text.replace(from, to));
        PortcullisConfig now = load();
        return RiskAssessment.of(base, baseDigest, now, PlanDigest.of(now));
    }

    private PortcullisConfig load() {
        ValidationReport report = ConfigLoader.create().load(List.of(dir));
        assertThat(report.errors()).isEmpty();
        return report.config().orElseThrow();
    }
}
