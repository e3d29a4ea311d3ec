package io.portcullis.runtime.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.config.GroupRef;
import io.portcullis.config.IngressRule;
import io.portcullis.config.Peer;
import io.portcullis.config.PortRange;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.Protocol;
import io.portcullis.config.Schedule;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.Workload;
import io.portcullis.config.digest.PlanDigest;
import io.portcullis.engine.AccessEngine;
import io.portcullis.engine.ApiRef;
import io.portcullis.engine.Reachability;
import io.portcullis.runtime.reach.RandomEstate;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * The diff on generated estates ({@link RandomEstate}) and random changes to them (rules added, removed, given an
 * expiry or a schedule; workloads moved between groups): for every workload, the Portcullis API, its port and a
 * sample of times (every instant the diff evaluates and random ones within six days), the engine's decision on each
 * side ({@link Reachability#admits}, per address) changed exactly when the diff lists that workload as gained or lost
 * with a window holding that time. And reordering every list of a configuration diffs empty.
 */
class DiffProperties {

    static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");
    static final String API = "papi";

    @Property(tries = 150)
    void decisionChangesExactlyWhereTheDiffListsThem(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        PortcullisConfig before = RandomEstate.of(seed);
        PortcullisConfig after = mutate(before, new Random(seed * 31 + 7));
        PlanDiff diff = PlanDiff.of(side(before), side(after), AT);
        Random r = new Random(seed);
        List<Instant> times = new ArrayList<>(diff.instants());
        for (int i = 0; i < 20; i++) {
            times.add(AT.plusSeconds(r.nextInt(6 * 24 * 3600)));
        }
        Reachability was = Reachability.of(AccessEngine.compile(before).snapshot());
        Reachability now = Reachability.of(AccessEngine.compile(after).snapshot());
        ApiRef wasApi = AccessEngine.compile(before).snapshot().api(API).orElseThrow();
        ApiRef nowApi = AccessEngine.compile(after).snapshot().api(API).orElseThrow();
        Optional<ApiDiff> api = diff.apis().stream().filter(a -> a.kind().equals("api") && a.id().equals(API)).findFirst();
        for (Workload w : after.workloads()) {
            for (Instant t : times) {
                boolean old = w.addresses().stream().anyMatch(a -> was.admits(wasApi, w.vpc(), a, 6, 443, t));
                boolean neu = w.addresses().stream().anyMatch(a -> now.admits(nowApi, w.vpc(), a, 6, 443, t));
                boolean gained = api.map(a -> listed(a.gained(), w.id(), t)).orElse(false);
                boolean lost = api.map(a -> listed(a.lost(), w.id(), t)).orElse(false);
                assertThat(gained).as("gained %s at %s (seed %s): %s", w.id(), t, seed, api).isEqualTo(!old && neu);
                assertThat(lost).as("lost %s at %s (seed %s): %s", w.id(), t, seed, api).isEqualTo(old && !neu);
            }
        }
    }

    @Property(tries = 60)
    void reorderedListsDiffEmpty(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        PortcullisConfig c = RandomEstate.of(seed);
        Random r = new Random(seed);
        List<SecurityGroup> groups = new ArrayList<>();
        for (SecurityGroup g : c.securityGroups()) {
            List<IngressRule> rules = new ArrayList<>(g.ingress());
            Collections.shuffle(rules, r);
            groups.add(new SecurityGroup(g.id(), g.account(), g.vpc(), g.description(), g.owner(), g.tags(), rules, g.includes(),
                    g.extendsGroups()));
        }
        Collections.shuffle(groups, r);
        List<Workload> workloads = new ArrayList<>();
        for (Workload w : c.workloads()) {
            List<GroupRef> refs = new ArrayList<>(w.groups());
            Collections.reverse(refs);
            workloads.add(new Workload(w.id(), w.account(), w.vpc(), w.addresses(), refs, w.labels()));
        }
        Collections.shuffle(workloads, r);
        List<io.portcullis.config.VpcEndpoint> endpoints = new ArrayList<>(c.vpcEndpoints());
        Collections.shuffle(endpoints, r);
        PortcullisConfig reordered = new PortcullisConfig(c.accounts(), c.vpcs(), c.connections(), endpoints, c.prefixLists(),
                groups, workloads, c.partners(), c.apis(), c.awsApis(), c.node());
        assertThat(PlanDiff.of(side(c), side(reordered), AT).apis()).isEmpty();
    }

    static PlanDiff.Side side(PortcullisConfig c) {
        return new PlanDiff.Side(c, AccessEngine.compile(c).snapshot(), PlanDigest.of(c, p -> Optional.empty()));
    }

    /** Whether {@code changes} list {@code workload} with a window holding {@code t}. */
    static boolean listed(List<AccessChange> changes, String workload, Instant t) {
        return changes.stream().anyMatch(c -> c.sourceKind().equals("workload") && c.sources().contains(workload)
                && holds(c.window(), t));
    }

    /** {@code always}, or {@code from A until B, from C on}. */
    static boolean holds(String window, Instant t) {
        if (window.equals("always")) {
            return !t.isBefore(AT);
        }
        for (String period : window.split(", ")) {
            String[] p = period.split(" ");
            Instant from = Instant.parse(p[1]);
            boolean open = p[2].equals("on");
            if (!t.isBefore(from) && (open || t.isBefore(Instant.parse(p[3])))) {
                return true;
            }
        }
        return false;
    }

    /** One to four random changes: rules added, removed, expiring or scheduled; a workload's groups replaced. */
    static PortcullisConfig mutate(PortcullisConfig c, Random r) {
        List<SecurityGroup> groups = new ArrayList<>(c.securityGroups());
        List<Workload> workloads = new ArrayList<>(c.workloads());
        List<SecurityGroup> inVpc0 = groups.stream().filter(g -> g.vpc().equals("vpc-0")).toList();
        String account = inVpc0.get(0).account();
        for (int n = 1 + r.nextInt(4); n > 0; n--) {
            // Mostly the API's own group (sg-0x0), where a change is visible.
            int api = 0;
            while (!groups.get(api).id().equals(inVpc0.get(0).id())) {
                api++;
            }
            int gi = r.nextInt(3) > 0 ? api : r.nextInt(groups.size());
            SecurityGroup g = groups.get(gi);
            List<IngressRule> rules = new ArrayList<>(g.ingress());
            switch (r.nextInt(5)) {
                case 0 -> rules.add(new IngressRule(Protocol.TCP, r.nextBoolean() ? new PortRange(443, 443) : new PortRange(80, 8080),
                        g.vpc().equals("vpc-0") && r.nextBoolean()
                                ? new Peer.Group(new GroupRef(account, inVpc0.get(r.nextInt(inVpc0.size())).id()))
                                : new Peer.Cidr("10." + r.nextInt(3) + "." + r.nextInt(6) + ".0/24"),
                        Optional.empty(), Optional.empty(), "added"));
                case 1 -> {
                    if (!rules.isEmpty()) {
                        rules.remove(r.nextInt(rules.size()));
                    }
                }
                case 2 -> {
                    if (!rules.isEmpty()) {
                        int i = r.nextInt(rules.size());
                        IngressRule x = rules.get(i);
                        rules.set(i, new IngressRule(x.protocol(), x.ports(), x.from(), x.schedule(),
                                Optional.of(AT.plus(Duration.ofMinutes(30 + r.nextInt(60 * 60)))), x.description()));
                    }
                }
                case 3 -> {
                    if (!rules.isEmpty()) {
                        int i = r.nextInt(rules.size());
                        IngressRule x = rules.get(i);
                        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
                        for (DayOfWeek d : DayOfWeek.values()) {
                            if (r.nextBoolean()) {
                                days.add(d);
                            }
                        }
                        days.add(DayOfWeek.of(1 + r.nextInt(7)));
                        rules.set(i, new IngressRule(x.protocol(), x.ports(), x.from(), Optional.of(new Schedule(days,
                                LocalTime.of(r.nextInt(24), 0), LocalTime.of(r.nextInt(24), 30),
                                ZoneId.of(r.nextBoolean() ? "UTC" : "Europe/London"))), x.expires(), x.description()));
                    }
                }
                default -> {
                    List<Workload> mine = workloads.stream().filter(w -> w.vpc().equals("vpc-0")).toList();
                    if (!mine.isEmpty()) {
                        Workload w = mine.get(r.nextInt(mine.size()));
                        workloads.set(workloads.indexOf(w), new Workload(w.id(), w.account(), w.vpc(), w.addresses(),
                                List.of(new GroupRef(account, inVpc0.get(r.nextInt(inVpc0.size())).id())), w.labels()));
                    }
                }
            }
            groups.set(gi, new SecurityGroup(g.id(), g.account(), g.vpc(), g.description(), g.owner(), g.tags(), rules,
                    g.includes(), g.extendsGroups()));
        }
        return new PortcullisConfig(c.accounts(), c.vpcs(), c.connections(), c.vpcEndpoints(), c.prefixLists(), groups,
                workloads, c.partners(), c.apis(), c.awsApis(), c.node());
    }
}
