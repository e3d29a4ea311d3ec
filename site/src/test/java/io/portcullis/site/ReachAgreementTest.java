package io.portcullis.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.config.Api;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.Protocol;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.Workload;
import io.portcullis.engine.AccessEngine;
import io.portcullis.engine.Explainer;
import io.portcullis.engine.Explanation;
import io.portcullis.engine.SourceSpec;
import io.portcullis.site.internal.Ids;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pages say what {@code who-can-reach} and {@code check} say, read back from the generated Markdown: for every
 * API, its "Who can reach it" rows are exactly {@link Explainer#whoCanReach}'s entries; for every (workload, API)
 * pair, the workload is listed as admitted now exactly when {@link Explainer#check} allows it, with check's path as
 * its chain; for every group, "What it grants" lists exactly the APIs check allows a member of it.
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
}
