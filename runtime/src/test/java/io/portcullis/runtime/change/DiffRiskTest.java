package io.portcullis.runtime.change;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.runtime.diff.PlanDiff;
import io.portcullis.runtime.plan.Compilation;
import io.portcullis.runtime.plan.Plan;
import io.portcullis.runtime.plan.PlanCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The risk rules on the semantic diff, on examples/saas (three tenants in one VPC) and one edit at a time. */
class DiffRiskTest {

    static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path dir;

    @BeforeEach
    void copy() throws IOException {
        TradingCopy.copy("saas/config", dir.resolve("a"));
        TradingCopy.copy("saas/config", dir.resolve("b"));
    }

    @Test
    void anotherTenantsClientsAdmittedIsCriticalAndNamesTheRuleAndTheWorkload() throws IOException {
        RiskAssessment risk = after("tenant-acme.yaml", "description: platform health checks }",
                "description: platform health checks }\n      - { protocol: tcp, ports: 8441, from: { group: sg-globex-clients } }");
        assertThat(risk.level()).isEqualTo(RiskLevel.CRITICAL);
        assertThat(risk.contributions()).extracting(RiskAssessment.Contribution::rule).containsExactly("tenant-boundary-crossed");
        assertThat(risk.contributions().get(0).detail()).isEqualTo(
                "API acme-api: globex-app-1 (tenant globex) into tenant acme");
    }

    @Test
    void theInternetIsCriticalAndAlsoAWideSource() throws IOException {
        RiskAssessment risk = after("tenant-acme.yaml", "description: platform health checks }",
                "description: platform health checks }\n      - { protocol: tcp, ports: 8441, from: { cidr: 0.0.0.0/0 } }");
        assertThat(risk.level()).isEqualTo(RiskLevel.CRITICAL);
        assertThat(risk.contributions()).extracting(RiskAssessment.Contribution::rule)
                .contains("wide-source-added", "internet-opened", "tenant-boundary-crossed");
        assertThat(risk.contributions()).filteredOn(c -> c.rule().equals("internet-opened")).singleElement()
                .extracting(RiskAssessment.Contribution::detail).asString()
                .startsWith("API acme-api: cidr 0.0.0.0/0 (100000000000/sg-acme-api ingress[2])");
    }

    @Test
    void removingTheLastRateLimitIsHigh() throws IOException {
        RiskAssessment risk = after("tenant-acme.yaml",
                "    limits:\n      rateLimits: [{ key: workload, capacity: 100, refillTokens: 100, refillPeriod: 1s }]\n", "");
        assertThat(risk.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(risk.contributions()).extracting(RiskAssessment.Contribution::rule)
                .containsExactly("last-limit-removed", "limits-changed");
    }

    @Test
    void aSensitiveApiOpenedIsHighAndAnAdminTierWithoutExpiryToo() throws IOException {
        for (String side : List.of("a", "b")) {
            Path f = dir.resolve(side).resolve("tenant-acme.yaml");
            Files.writeString(f, Files.readString(f).replace("    tags: { tenant: acme }\n    resourcePolicy",
                    "    tags: { tenant: acme, sensitive: \"true\", tier: admin }\n    resourcePolicy"));
        }
        RiskAssessment risk = after("tenant-acme.yaml", "description: platform health checks }",
                "description: platform health checks }\n      - { protocol: tcp, ports: 8441, from: { cidr: 10.50.1.0/24 } }");
        assertThat(risk.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(risk.contributions()).extracting(RiskAssessment.Contribution::rule)
                .containsExactly("sensitive-api-opened", "admin-access-without-expiry");
    }

    @Test
    void closingAccessOnlyIsLow() throws IOException {
        RiskAssessment risk = after("tenant-acme.yaml",
                "      - { protocol: tcp, ports: 8441, from: { group: sg-monitoring }, description: platform health checks }\n", "");
        assertThat(risk.level()).isEqualTo(RiskLevel.LOW);
        assertThat(risk.contributions()).extracting(RiskAssessment.Contribution::rule).containsExactly("access-only-removed");
    }

    private RiskAssessment after(String file, String from, String to) throws IOException {
        Path f = dir.resolve("b").resolve(file);
        String text = Files.readString(f);
        assertThat(text).contains(from);
        Files.writeString(f, text.replace(from, to));
        try (PlanCompiler compiler = PlanCompiler.create()) {
            Plan a = plan(compiler, dir.resolve("a"));
            Plan b = plan(compiler, dir.resolve("b"));
            return RiskAssessment.of(a, b, PlanDiff.of(a, b, AT));
        }
    }

    private static Plan plan(PlanCompiler compiler, Path dir) {
        Compilation c = compiler.compile(List.of(dir));
        assertThat(c.errors()).isEmpty();
        compiler.discard(c.plan().orElseThrow());
        return c.plan().orElseThrow();
    }
}
