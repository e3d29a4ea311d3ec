package io.portcullis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddress;
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

    /**
     * {@link Explainer#whoCanReach} lists a workload no rule admits now as admitted later by exactly the scheduled rule
     * {@link Explainer#check}'s first out-of-schedule near miss names (what it once asked check for, per workload).
     */
    @Property(tries = 100)
    void whoCanReachListsTheNearMissCheckWouldName(@ForAll("genes") List<Integer> configGenes) {
        String yaml = ConfigGenerator.yaml(new Genes(configGenes));
        PortcullisConfig config = ConfigLoader.create().loadString(yaml, "generated.yaml").orThrow();
        Explainer explainer = new Explainer(AccessEngine.compile(config).snapshot());
        for (Api api : config.apis()) {
            for (Instant at : ConfigGenerator.INSTANTS) {
                List<String> expected = new java.util.ArrayList<>();
                for (Workload w : config.workloads()) {
                    Explanation e = explainer.check(SourceSpec.parse("workload:" + w.id()), api.name(), 6, null, at);
                    if (e.decision().allowed()) {
                        expected.add(w.id() + " " + e.decision().decidedBy() + " now");
                    } else {
                        e.nearMisses().stream().filter(m -> m.kind() == Explanation.Kind.OUT_OF_SCHEDULE).findFirst()
                                .ifPresent(m -> expected.add(w.id() + " " + m.rule() + " " + m.detail() + ", not now"));
                    }
                }
                List<String> actual = explainer.whoCanReach(api.name(), 6, null, at).stream().filter(r -> r.kind().equals("workload"))
                        .map(r -> r.subject() + " " + r.rule() + " " + (r.now() ? "now" : r.detail())).sorted().toList();
                assertThat(actual).as(api.name() + " at " + at + "\n" + yaml).isEqualTo(expected.stream().sorted().toList());
            }
        }
    }

    /**
     * {@link Reachability#cidrs} and {@link Reachability#partners} answer from the rules alone what {@link
     * Reachability#reach} lists as ranges and partners (same entries, same order), and the ranges are the engine's
     * CIDR decision: for every sampled address (each workload's, each range's first and last, addresses of no range)
     * and (protocol, port), the engine's CIDR match admits the address exactly when a range listed holds it, by the
     * rule of one of the ranges holding it.
     */
    @Property(tries = 150)
    void rangesAndPartnersAreTheEnginesAnswerWithoutWorkloads(@ForAll("genes") List<Integer> configGenes) {
        String yaml = ConfigGenerator.yaml(new Genes(configGenes));
        PortcullisConfig config = ConfigLoader.create().loadString(yaml, "generated.yaml").orThrow();
        Snapshot snapshot = AccessEngine.compile(config).snapshot();
        Reachability reach = Reachability.of(snapshot);
        List<IPAddress> samples = new java.util.ArrayList<>();
        config.workloads().forEach(w -> w.addresses().forEach(a -> samples.add(new IPAddressString(a).getAddress())));
        config.prefixLists().forEach(pl -> pl.cidrs().forEach(c -> addRange(samples, c)));
        config.securityGroups().forEach(g -> g.ingress().forEach(r -> {
            if (r.from() instanceof io.portcullis.config.Peer.Cidr c) {
                addRange(samples, c.cidr());
            }
        }));
        List.of("8.8.8.8", "0.0.0.0", "255.255.255.255", "2001:db8::1", "::").forEach(a -> samples.add(new IPAddressString(a).getAddress()));
        for (Api api : config.apis()) {
            ApiRef ref = snapshot.api(api.name()).orElseThrow();
            for (Instant at : ConfigGenerator.INSTANTS) {
                for (int proto : new int[] {6, 17, 1, 50, 58}) {
                    for (int port : new int[] {api.listenPort(), 22, 443, 8443, 0, 1500, 65535}) {
                        String context = api.name() + " " + proto + "/" + port + " at " + at + "\n" + yaml;
                        List<Reachability.Reached> full = reach.reach(ref, proto, port, at, Reachability.Scope.ANY_VPC);
                        List<Reachability.Reached> ranges = reach.cidrs(ref, proto, port, at);
                        assertThat(ranges).as(context).isEqualTo(full.stream().filter(r -> r.kind() == Reachability.Reached.Kind.CIDR).toList());
                        assertThat(reach.partners(ref, proto, port, at)).as(context)
                                .isEqualTo(full.stream().filter(r -> r.kind() == Reachability.Reached.Kind.PARTNER).toList());
                        for (IPAddress a : samples) {
                            io.portcullis.engine.internal.Addr.Prefix p = io.portcullis.engine.internal.Addr.parse(a.toString());
                            int rule = ref.index.matchCidr(p.family(), p.hi(), p.lo(), proto, port, at.toEpochMilli());
                            List<String> holding = ranges.stream().filter(r -> new IPAddressString(r.subject()).getAddress().contains(a))
                                    .map(r -> r.rule().decidedBy()).toList();
                            assertThat(rule >= 0).as(a + " " + context).isEqualTo(!holding.isEmpty());
                            if (rule >= 0) {
                                assertThat(holding).as(a + " " + context).contains(ref.index.allow(rule).decidedBy());
                            }
                        }
                    }
                }
            }
        }
    }

    private static void addRange(List<IPAddress> samples, String cidr) {
        IPAddress range = new IPAddressString(cidr).getAddress();
        samples.add(range.getLower().withoutPrefixLength());
        samples.add(range.getUpper().withoutPrefixLength());
    }

    private static Map<String, String> admitted(List<Reachability.Reached> reached) {
        Map<String, String> out = new TreeMap<>();
        reached.stream().filter(r -> r.kind() == Reachability.Reached.Kind.WORKLOADS)
                .forEach(r -> r.workloads().forEach(id -> out.put(id, r.rule().decidedBy())));
        return out;
    }
}
