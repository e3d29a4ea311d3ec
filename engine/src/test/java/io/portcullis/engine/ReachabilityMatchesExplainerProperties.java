package io.portcullis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddressString;
import io.portcullis.config.Api;
import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.ValidationReport;
import io.portcullis.config.Workload;
import io.portcullis.decision.Decision;
import io.portcullis.engine.reference.ConfigGenerator;
import io.portcullis.engine.reference.Genes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link Reachability} decides by classes of callers what the engine decides caller by caller: for every API, instant
 * and workload of generated configurations (schedules, expiry, includes, extends, prefix lists, IPv6), a workload is
 * in a {@code WORKLOADS} entry exactly when one of its addresses is admitted ({@link Explainer#check} on the address
 * in the workload's VPC), by the rule the engine gives for the first admitted address; the views of
 * {@link Reachability#views} decide as the same API declared in the configuration.
 */
class ReachabilityMatchesExplainerProperties {

    @Provide
    Arbitrary<List<Integer>> genes() {
        return Arbitraries.integers().between(0, 1 << 16).list().ofMinSize(50).ofMaxSize(500);
    }

    @Property(tries = 150)
    void classesAdmitExactlyTheWorkloadsTheEngineAdmits(@ForAll("genes") List<Integer> configGenes) {
        String yaml = ConfigGenerator.yaml(new Genes(configGenes));
        ValidationReport report = ConfigLoader.create().loadString(yaml, "generated.yaml");
        assertThat(report.errors()).as(yaml).isEmpty();
        PortcullisConfig config = report.orThrow();
        Snapshot snapshot = AccessEngine.compile(config).snapshot();
        Explainer explainer = new Explainer(snapshot);
        Reachability reach = Reachability.of(snapshot);
        Map<String, ApiRef> views = reach.views(config.apis().stream().map(a -> new Api("view-" + a.name(), a.account(), a.vpc(),
                a.listenHost(), a.listenPort(), a.securityGroups())).toList());
        for (Api api : config.apis()) {
            for (Instant at : ConfigGenerator.INSTANTS) {
                Map<String, String> expected = new TreeMap<>();
                for (Workload w : config.workloads()) {
                    for (String a : w.addresses()) {
                        Decision d = explainer.check(new SourceSpec.OfAddress(new IPAddressString(a).getAddress(), w.vpc()), api.name(), 6,
                                api.listenPort(), at).decision();
                        if (d.allowed()) {
                            expected.put(w.id(), d.decidedBy());
                            break;
                        }
                    }
                }
                String context = api.name() + " at " + at + "\n" + yaml;
                assertThat(admitted(reach.reach(snapshot.api(api.name()).orElseThrow(), 6, api.listenPort(), at,
                        Reachability.Scope.ANY_VPC))).as(context).isEqualTo(expected);
                assertThat(admitted(reach.reach(views.get("view-" + api.name()), 6, api.listenPort(), at, Reachability.Scope.ANY_VPC)))
                        .as("view of " + context).isEqualTo(expected);
            }
        }
    }

    private static Map<String, String> admitted(List<Reachability.Reached> reached) {
        Map<String, String> out = new TreeMap<>();
        reached.stream().filter(r -> r.kind() == Reachability.Reached.Kind.WORKLOADS)
                .forEach(r -> r.workloads().forEach(id -> out.put(id, r.rule().decidedBy())));
        return out;
    }
}
