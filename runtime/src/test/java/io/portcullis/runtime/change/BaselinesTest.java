package io.portcullis.runtime.change;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.config.Problem;
import io.portcullis.runtime.plan.Compilation;
import io.portcullis.runtime.plan.PlanCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Baselines on examples/trading, compiled as validate and run compile it: a plan that breaks one is refused, each
 * violation naming the baseline and placed at the element that breaks it; a plan that meets them compiles.
 */
class BaselinesTest {

    private static final Instant NOW = Instant.parse("2026-03-04T10:00:00Z");

    @TempDir
    Path dir;

    @BeforeEach
    void copy() throws IOException {
        TradingCopy.into(dir);
        Files.createDirectories(dir.resolve("changes"));
        AuditKeys.writePublicKey(dir.resolve("alice.pub"), AuditKeys.generate().getPublic());
    }

    @Test
    void eachViolationNamesItsBaselineAndIsPlacedWhereItIsWritten() throws IOException {
        List<String> errors = compile("""
                    - {name: apis-restrict-source, require: source-restriction}
                    - {name: no-wide, require: no-wide-sources}
                    - {name: api-rules-expire, require: expiring-rules, groupsTagged: {tier: api}, within: 8h}
                """, "cidrs: [10.99.0.0/16]", "cidrs: [10.99.0.0/16, 0.0.0.0/0]");

        assertThat(errors).containsExactly(
                dir.resolve("apis.yaml") + ":35:5: apis[1](analytics): baseline 'apis-restrict-source': API analytics has no "
                        + "resourcePolicy (expected: a resource policy that conditions on aws:SourceVpc or aws:SourceVpce)",
                dir.resolve("groups.yaml") + ":24:9: securityGroups[0](sg-orders-api).ingress[2].from: baseline 'no-wide': "
                        + "admits 0.0.0.0/0 (the internet) through prefix list pl-corp-vpn into 111111111111/sg-orders-api "
                        + "(expected: no rule from a CIDR of /8 or wider, IPv6 /32 or wider)",
                expiry(12, 0), expiry(17, 1), expiry(22, 2));
    }

    @Test
    void aPlanThatMeetsItsBaselinesCompiles() throws IOException {
        assertThat(compile("""
                    - {name: no-wide, require: no-wide-sources}
                    - {name: legacy-rules-expire, require: expiring-rules, groupsTagged: {tier: legacy}, within: 8h}
                """, "", "")).isEmpty();
    }

    private String expiry(int line, int rule) {
        return dir.resolve("groups.yaml") + ":" + line + ":9: securityGroups[0](sg-orders-api).ingress[" + rule + "]: "
                + "baseline 'api-rules-expire': a rule into 111111111111/sg-orders-api (tagged tier=api) never expires "
                + "(expected: expires within PT8H of now, 2026-03-04T10:00:00Z)";
    }

    private List<String> compile(String baselines, String from, String to) throws IOException {
        Path network = dir.resolve("network.yaml");
        Files.writeString(network, Files.readString(network).replace(from, to));
        Files.writeString(dir.resolve("change-control.yaml"), """
                changeControl:
                  changes: changes
                  approvers: [{id: alice, role: security, publicKey: alice.pub}]
                  require: {high: {approvals: 1}}
                  baselines:
                """ + baselines);
        try (PlanCompiler compiler = PlanCompiler.withClock(Clock.fixed(NOW, ZoneOffset.UTC))) {
            Compilation c = compiler.compile(List.of(dir));
            c.plan().ifPresent(compiler::discard);
            return c.errors().stream().map(Problem::toString).toList();
        }
    }
}
