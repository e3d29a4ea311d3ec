package io.portcullis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.ValidationReport;
import io.portcullis.config.Vpc;
import io.portcullis.config.Workload;
import io.portcullis.decision.Decision;
import io.portcullis.engine.reference.ConfigGenerator;
import io.portcullis.engine.reference.Genes;
import io.portcullis.engine.reference.Query;
import io.portcullis.engine.reference.ReferenceEvaluator;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The indexed engine must decide exactly as a naive reading of the semantics does ({@link ReferenceEvaluator}):
 * same verdict, and an admitting rule the reference also finds admitting. Configurations are built from a list
 * of integers ({@link Genes}) so jqwik shrinks a failure to a small configuration, printed as YAML.
 */
class EngineMatchesReferenceProperties {

    private static final int QUERIES_PER_CONFIG = 40;

    @Provide
    Arbitrary<List<Integer>> genes() {
        return Arbitraries.integers().between(0, 1 << 16).list().ofMinSize(50).ofMaxSize(500);
    }

    @Property(tries = 200)
    void engineAdmitsExactlyWhatTheReferenceAdmits(@ForAll("genes") List<Integer> configGenes,
                                                  @ForAll("genes") List<Integer> queryGenes) {
        String yaml = ConfigGenerator.yaml(new Genes(configGenes));
        PortcullisConfig config = load(yaml);
        Snapshot snapshot = AccessEngine.compile(config).snapshot();
        ReferenceEvaluator reference = new ReferenceEvaluator(config);
        Genes g = new Genes(queryGenes);
        for (int i = 0; i < QUERIES_PER_CONFIG; i++) {
            Query q = Query.draw(g, config);
            Decision d = snapshot.decide(q.api(), q.address(), q.endpoint(), q.protocol(), q.port(), q.at().toEpochMilli());
            Set<String> expected = reference.admitting(q.api(), q.address(), q.endpoint(), q.protocol(), q.port(), q.at());
            agree(d, expected, q + "\n" + yaml);
            Statistics.label("verdict").collect(d.verdict());
            Statistics.label("admitted by").collect(d.allowed() ? (d.decidedBy().contains("inherited") ? "inherited rule" : "own rule") : "-");
        }
        Statistics.label("workloads").collect(config.workloads().size() < 5 ? "<5" : config.workloads().size() < 12 ? "5-11" : "12+");
    }

    @Property(tries = 100)
    void explainerDecidesAnAddressInANamedVpcAsTheReference(@ForAll("genes") List<Integer> configGenes,
                                                           @ForAll("genes") List<Integer> queryGenes) {
        String yaml = ConfigGenerator.yaml(new Genes(configGenes));
        PortcullisConfig config = load(yaml);
        Explainer explainer = new Explainer(AccessEngine.compile(config).snapshot());
        ReferenceEvaluator reference = new ReferenceEvaluator(config);
        Genes g = new Genes(queryGenes);
        for (int i = 0; i < QUERIES_PER_CONFIG; i++) {
            Query q = Query.draw(g, config);
            String vpc = g.pick(config.vpcs()).id();
            IPAddress a = new IPAddressString(q.address().getHostAddress()).getAddress();
            Explanation e = explainer.check(new SourceSpec.OfAddress(a, vpc), q.api(), q.protocol(), q.port(), q.at());
            Set<String> expected = reference.admittingInVpc(api(config, q.api()), a, vpc, q.protocol(), q.port(), q.at());
            String context = q.address().getHostAddress() + "@" + vpc + " " + q + "\n" + yaml;
            agree(e.decision(), expected, context);
            if (e.decision().allowed()) {
                assertThat(e.path()).as(context).last().asString().startsWith(e.decision().decidedBy());
            }
        }
    }

    @Property(tries = 100)
    void membershipChangesDecideAsAFreshCompile(@ForAll("genes") List<Integer> configGenes,
                                                @ForAll("genes") List<Integer> changeGenes) {
        String yaml = ConfigGenerator.yaml(new Genes(configGenes));
        PortcullisConfig config = load(yaml);
        AccessEngine engine = AccessEngine.compile(config);
        List<Workload> workloads = new ArrayList<>(config.workloads());
        Set<String> probes = new LinkedHashSet<>();
        workloads.forEach(w -> w.addresses().forEach(a -> probes.add(w.vpc() + "|" + a)));
        Genes g = new Genes(changeGenes);
        List<String> log = new ArrayList<>();
        for (int i = 0, n = 1 + g.next(8); i < n; i++) {
            int kind = g.next(3);
            if (kind == 2 && !workloads.isEmpty()) {
                Workload gone = workloads.remove(g.next(workloads.size()));
                assertThat(engine.removeWorkload(gone.id())).isTrue();
                log.add("remove " + gone.id());
                continue;
            }
            Workload old = kind == 0 && !workloads.isEmpty() ? workloads.remove(g.next(workloads.size())) : null;
            Workload w = changed(g, config, old == null ? "added-" + i : old.id(), old, workloads);
            if (w == null) {
                if (old != null) {
                    workloads.add(old);
                }
                continue;
            }
            engine.upsertWorkload(w);
            workloads.add(w);
            w.addresses().forEach(a -> probes.add(w.vpc() + "|" + a));
            log.add("upsert " + w);
        }
        PortcullisConfig changed = new PortcullisConfig(config.accounts(), config.vpcs(), config.connections(),
                config.vpcEndpoints(), config.prefixLists(), config.securityGroups(), workloads, config.apis());
        Snapshot fresh = AccessEngine.compile(changed).snapshot();
        ReferenceEvaluator reference = new ReferenceEvaluator(changed);
        for (String probe : probes) {
            String vpc = probe.substring(0, probe.indexOf('|'));
            InetAddress address = new IPAddressString(probe.substring(probe.indexOf('|') + 1)).getAddress().toInetAddress();
            List<String> endpoints = new ArrayList<>(List.of(""));
            config.vpcEndpoints().stream().filter(e -> e.vpc().equals(vpc)).forEach(e -> endpoints.add(e.id()));
            for (var api : config.apis()) {
                for (String endpoint : endpoints) {
                    int proto = g.pick(List.of(6, 17, 1));
                    int port = g.pick(List.of(22, 443, 8443, 1500));
                    Instant at = Query.instant(g);
                    Decision incremental = engine.snapshot().decide(api.name(), address, endpoint, proto, port, at.toEpochMilli());
                    String context = probe + " via '" + endpoint + "' to " + api.name() + " " + proto + "/" + port + " at " + at
                            + "\nchanges: " + log + "\n" + yaml;
                    assertThat(incremental).as(context).isEqualTo(fresh.decide(api.name(), address, endpoint, proto, port, at.toEpochMilli()));
                    agree(incremental, reference.admitting(api.name(), address, endpoint, proto, port, at), context);
                }
            }
        }
    }

    /** A workload moved (new groups, maybe new VPC and addresses) or added; null when no free address was drawn. */
    private static Workload changed(Genes g, PortcullisConfig c, String id, Workload old, List<Workload> others) {
        Vpc vpc = old != null && g.next(3) != 0 ? vpcOf(c, old.vpc()) : g.pick(c.vpcs());
        Set<String> taken = new HashSet<>();
        others.stream().filter(o -> o.vpc().equals(vpc.id())).forEach(o -> taken.addAll(o.addresses()));
        Set<String> addresses = new LinkedHashSet<>();
        if (old != null && old.vpc().equals(vpc.id()) && g.next(2) == 0) {
            addresses.addAll(old.addresses());
        }
        for (int k = 0, n = 1 + g.next(2); k < n; k++) {
            IPAddress block = new IPAddressString(g.pick(vpc.cidrs())).getAddress();
            String a = block.getLower().withoutPrefixLength().increment(g.next(20)).toCanonicalString();
            if (!taken.contains(a)) {
                addresses.add(a);
            }
        }
        if (addresses.isEmpty()) {
            return null;
        }
        List<SecurityGroup> inVpc = c.securityGroups().stream().filter(s -> s.vpc().equals(vpc.id())).toList();
        Set<io.portcullis.config.GroupRef> groups = new LinkedHashSet<>();
        for (int k = 0, n = inVpc.isEmpty() ? 0 : g.next(3); k < n; k++) {
            groups.add(g.pick(inVpc).ref());
        }
        return new Workload(id, vpc.account(), vpc.id(), List.copyOf(addresses), List.copyOf(groups), Map.of());
    }

    private static void agree(Decision d, Set<String> expected, String context) {
        assertThat(d.allowed()).as("engine %s, reference admitting %s for %s", d, expected, context).isEqualTo(!expected.isEmpty());
        if (d.allowed()) {
            assertThat(expected).as("decidedBy of %s for %s", d, context).contains(d.decidedBy());
        }
    }

    private static PortcullisConfig load(String yaml) {
        ValidationReport report = ConfigLoader.create().loadString(yaml, "generated.yaml");
        assertThat(report.errors()).as("generated configuration must validate:\n%s", yaml).isEmpty();
        return report.orThrow();
    }

    private static io.portcullis.config.Api api(PortcullisConfig c, String name) {
        return c.apis().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    private static Vpc vpcOf(PortcullisConfig c, String id) {
        return c.vpcs().stream().filter(v -> v.id().equals(id)).findFirst().orElseThrow();
    }
}
