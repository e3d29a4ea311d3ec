package io.portcullis.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.AuditSettings;
import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.cli.CliRun;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code portcullis docs} end to end: the site of examples/trading, with an audit log's decisions, and its refusals. */
class DocsCommandTest {

    private static final String TRADING = Path.of("..", "examples", "trading").toString();
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void writesTheSiteWithEachApisRecentDecisionsByLayerAndReason(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("audit");
        Path key = dir.resolve("audit.key");
        AuditKeys.writeSigningKey(key, AuditKeys.generate());
        Decision allow = Decision.allow(new Reason(Layer.POLICY, "statement-allows"), "policy[0] Statement[1] (AllowTheRest)", "allowed");
        Decision deny = Decision.deny(new Reason(Layer.IDENTITY, "token-missing"), "", "no token");
        try (AuditLog audit = AuditLog.open(AuditSettings.builder(log, key).build())) {
            for (int i = 0; i < 30; i++) {
                audit.append(AuditRecord.builder(T0.plusSeconds(i), AuditRecord.Kind.REQUEST, i % 3 == 0 ? deny : allow)
                        .requestId("r" + i).api(i < 25 ? "orders" : "analytics").method("GET").path("/orders/" + i)
                        .source("10.10.1.10", 40000 + i).workload("trader-1").status(i % 3 == 0 ? 401 : 200).build());
            }
        }
        Path out = dir.resolve("site");

        CliRun r = CliRun.of("docs", TRADING, "--out", out.toString(), "--audit", log.toString(), "--at", "2026-12-07T00:00:00Z");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote " + out + ": 2 API pages, 11 group pages", "30 audit records read");
        String orders = Files.readString(out.resolve("apis/orders.md"));
        assertThat(orders).contains("## Recent decisions", "| allow | policy | statement-allows | 16 |", "| deny | identity | token-missing | 9 |",
                "The last 20:", "| 2026-12-06T10:00:05Z | trader-1 | allow | policy statement-allows |",
                "| 2026-12-06T10:00:24Z | trader-1 | deny | identity token-missing |");
        assertThat(Files.readString(out.resolve("apis/analytics.md"))).contains("| allow | policy | statement-allows | 4 |", "| deny | identity | token-missing | 1 |");
        assertThat(Files.readString(out.resolve("index.html"))).contains("<input id=\"search\"");
        assertThat(out.resolve("diagrams/estate.svg")).isRegularFile();
    }

    @Test
    void writesAPagePerApiGatewayApiWithWhatWhoCanReachSays(@TempDir Path dir) throws Exception {
        String estate = Path.of("..", "runtime", "src", "test", "resources", "reach").toString();
        Path out = dir.resolve("site");

        CliRun r = CliRun.of("docs", estate, "--out", out.toString(), "--at", "2026-12-07T00:00:00Z", "--no-svg");
        CliRun who = CliRun.of("who-can-reach", "--config", estate, "--to", "seedfixed1", "--at", "2026-12-07T00:00:00Z");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote " + out + ": 0 API pages, 12 AWS API pages, 7 group pages");
        assertThat(who.code()).as(who.err()).isZero();
        assertThat(who.out()).contains("  via vpce-0aaa (vpc-a, account 111111111111) [vpcEndpoints[0]]",
                "    from 2 workloads in vpc-a (111111111111) with [111111111111/sg-app-a]");
        String page = Files.readString(out.resolve("aws-apis/seedfixed1.html"));
        assertThat(page).contains("<td>vpce-0aaa (vpc-a, account 111111111111) [vpcEndpoints[0]]</td>",
                "2 workloads in vpc-a (111111111111) with [<a href=\"../groups/111111111111_sg-app-a.html\">111111111111/sg-app-a</a>]");
        assertThat(Files.readString(out.resolve("index.md"))).contains("## AWS APIs");
        assertThat(Files.readString(out.resolve("groups/111111111111_sg-app-a.md"))).contains("## AWS APIs it reaches through an endpoint");
    }

    @Test
    void refusesWhatItCannotDoAndSaysWhy(@TempDir Path dir) throws Exception {
        Path mine = dir.resolve("mine");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("notes.txt"), "keep");

        CliRun notASite = CliRun.of("docs", TRADING, "--out", mine.toString());
        CliRun since = CliRun.of("docs", TRADING, "--out", dir.resolve("a").toString(), "--since", "2026-01-01T00:00:00Z");
        CliRun noDot = CliRun.of("docs", TRADING, "--out", dir.resolve("b").toString(), "--graphviz", dir.resolve("no-dot").toString());
        CliRun invalid = CliRun.of("docs", dir.resolve("missing.yaml").toString(), "--out", dir.resolve("c").toString(), "--no-svg");

        assertThat(notASite.code()).isEqualTo(2);
        assertThat(notASite.err()).contains("not empty and not a site portcullis docs wrote");
        assertThat(Files.readString(mine.resolve("notes.txt"))).isEqualTo("keep");
        assertThat(since.code()).isEqualTo(2);
        assertThat(since.err()).contains("error: --since: given without --audit");
        assertThat(noDot.code()).isEqualTo(2);
        assertThat(noDot.err()).contains("does not run (expected: Graphviz's dot", "--no-svg");
        assertThat(invalid.code()).isEqualTo(2);
        assertThat(dir.resolve("c")).doesNotExist();
    }
}
