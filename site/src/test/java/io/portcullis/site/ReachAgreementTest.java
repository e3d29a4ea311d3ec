package io.portcullis.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.config.Api;
import io.portcullis.config.AwsApi;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.Protocol;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.Workload;
import io.portcullis.engine.AccessEngine;
import io.portcullis.engine.Explainer;
import io.portcullis.engine.Explanation;
import io.portcullis.engine.Reachability;
import io.portcullis.engine.SourceSpec;
import io.portcullis.runtime.reach.AccessReport;
import io.portcullis.runtime.reach.ApiAccess;
import io.portcullis.runtime.reach.Grant;
import io.portcullis.runtime.reach.Way;
import io.portcullis.runtime.reach.WhoCanInvoke;
import io.portcullis.site.internal.Ids;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pages say what {@code who-can-reach} and {@code check} say, read back from the generated Markdown: for every
 * API, its "Who can reach it" rows are exactly {@link Explainer#whoCanReach}'s entries; for every (workload, API)
 * pair, the workload is listed as admitted now exactly when {@link Explainer#check} allows it, with check's path as
 * its chain; for every group, "What it grants" lists exactly the APIs check allows a member of it. For the API
 * Gateway APIs of an AWS estate, every AWS API page's "Who can invoke it" and "Closed ways in" rows are exactly
 * {@link WhoCanInvoke}'s ways, callers and grants (what {@code who-can-reach --to ID} prints), and every group page
 * lists exactly the open ways whose admitted callers carry the group.
 */
class ReachAgreementTest {

    static Stream<Arguments> estates() {
        return Stream.of(Arguments.of("examples/trading", Sites.trading()),
                Arguments.of("a generated 1,000-group estate", GeneratedEstate.of(1000, 18)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("estates")
    void everyPageAgreesWithWhoCanReachAndCheck(String name, PortcullisConfig config, @TempDir Path out) throws Exception {
        Sites.write(config, out, false);
        Explainer explainer = new Explainer(AccessEngine.compile(config).snapshot());
        int tcp = Protocol.TCP.number();
        int pairs = 0;
        int admitted = 0;
        for (Api api : config.apis()) {
            List<List<String>> rows = PageTables.table(out.resolve(Ids.api(api.name()) + ".md"), "Who can reach it");
            List<String> page = new ArrayList<>();
            Map<String, String> chains = new HashMap<>();
            for (List<String> row : rows) {
                page.add(row.get(0) + " " + row.get(1) + " " + row.get(2));
                if ("workload".equals(row.get(0))) {
                    chains.put(row.get(1), row.get(3));
                }
            }
            List<String> cli = explainer.whoCanReach(api.name(), tcp, null, Sites.AT).stream()
                    .map(r -> r.kind() + (r.now() ? "" : " (scheduled)") + " " + r.subject() + " " + r.rule()).toList();
            assertThat(page).as("%s: who can reach %s", name, api.name()).isEqualTo(cli);

            for (Workload w : config.workloads()) {
                Explanation e = explainer.check(new SourceSpec.OfWorkload(w.id()), api.name(), tcp, null, Sites.AT);
                pairs++;
                if (e.decision().allowed()) {
                    admitted++;
                    assertThat(chains).as("%s: %s on %s's page", name, w.id(), api.name()).containsEntry(w.id(), String.join(" → ", e.path()));
                } else {
                    assertThat(chains).as("%s: %s denied %s", name, w.id(), api.name()).doesNotContainKey(w.id());
                }
            }
        }
        for (SecurityGroup g : config.securityGroups()) {
            List<String> page = PageTables.table(out.resolve(Ids.group(g.key()) + ".md"), "What it grants").stream()
                    .map(row -> row.get(0) + " " + row.get(1)).toList();
            List<String> cli = new ArrayList<>();
            for (Api api : config.apis().stream().sorted(java.util.Comparator.comparing(Api::name)).toList()) {
                Explanation e = explainer.check(new SourceSpec.OfGroup(g.account(), g.id()), api.name(), tcp, null, Sites.AT);
                if (e.decision().allowed()) {
                    cli.add(api.name() + " " + e.decision().decidedBy());
                }
            }
            assertThat(page).as("%s: what %s grants", name, g.key()).isEqualTo(cli);
        }
        assertThat(pairs).isEqualTo(config.workloads().size() * config.apis().size());
        assertThat(admitted).as("some pairs are admitted, some denied").isPositive().isLessThan(pairs);
    }

    @Test
    void everyAwsApiPageAgreesWithWhoCanInvoke(@TempDir Path out) throws Exception {
        PortcullisConfig config = Sites.aws();
        LivingDocs.Result r = Sites.write(config, out, false);
        WhoCanInvoke who = WhoCanInvoke.of(config, AccessEngine.compile(config).snapshot(), Sites.AT);
        assertThat(r.awsApis()).isEqualTo(config.awsApis().size()).isGreaterThanOrEqualTo(10);
        int open = 0;
        int closed = 0;
        for (AwsApi api : config.awsApis()) {
            ApiAccess access = who.api(api.id()).orElseThrow();
            Path page = out.resolve(Ids.awsApi(api.id()) + ".md");
            List<List<String>> rows = new ArrayList<>();
            for (Way w : access.open()) {
                for (Reachability.Reached c : w.callers()) {
                    rows.add(List.of(AccessReport.via(w), "network", AccessReport.caller(c, false),
                            c.rule().decidedBy() + ": " + c.rule().detail()));
                }
                for (Grant g : w.grants()) {
                    rows.add(List.of(AccessReport.via(w), "policies", AccessReport.grant(g), String.join("; ", AccessReport.deciding(g))));
                }
            }
            assertThat(PageTables.table(page, "Who can invoke it")).as("who can invoke %s", api.id()).isEqualTo(rows);
            List<List<String>> shut = access.ways().stream().filter(w -> !w.open())
                    .map(w -> List.of(AccessReport.via(w), AccessReport.why(w))).toList();
            assertThat(PageTables.table(page, "Closed ways in")).as("closed ways into %s", api.id()).isEqualTo(shut);
            open += rows.size();
            closed += shut.size();
        }
        assertThat(open).as("rows of open ways").isPositive();
        assertThat(closed).as("closed ways").isPositive();
        assertThat(who.apis().stream().filter(a -> a.kind() != ApiAccess.Kind.PORTCULLIS && a.open().isEmpty()))
                .as("an API nobody can invoke (no-policy) is documented too").isNotEmpty();

        int reaching = 0;
        List<AwsApi> byName = config.awsApis().stream().sorted(java.util.Comparator.comparing(AwsApi::name).thenComparing(AwsApi::id)).toList();
        for (SecurityGroup g : config.securityGroups()) {
            List<List<String>> expected = new ArrayList<>();
            for (AwsApi api : byName) {
                for (Way w : who.api(api.id()).orElseThrow().open()) {
                    for (Reachability.Reached c : w.callers()) {
                        if (c.groups().contains(g.key())) {
                            expected.add(List.of(api.name() + " (" + api.id() + ")", w.endpoint(), AccessReport.caller(c, false),
                                    c.rule().decidedBy()));
                        }
                    }
                }
            }
            List<List<String>> page = PageTables.table(out.resolve(Ids.group(g.key()) + ".md"), "AWS APIs it reaches through an endpoint");
            assertThat(page).as("the AWS APIs %s reaches", g.key()).isEqualTo(expected);
            reaching += expected.isEmpty() ? 0 : 1;
        }
        assertThat(reaching).as("groups reaching an AWS API").isPositive().isLessThan(config.securityGroups().size());
    }
}
