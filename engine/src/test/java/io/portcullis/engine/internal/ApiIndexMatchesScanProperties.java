package io.portcullis.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.config.Api;
import io.portcullis.config.Schedule;
import io.portcullis.decision.Decision;
import io.portcullis.engine.NetworkReasons;
import io.portcullis.engine.reference.Genes;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The flattened per-API index (Bloom filter, group table, CIDR table, packed rule entries) must find exactly the
 * rule a plain scan of the same rules finds, in the same order: groups in the caller's order, rules in insertion
 * order, CIDRs most specific first. Rules are drawn at the encoding's edges (protocol all, 0 and 255, ports 0 and
 * 65535, ports that do not apply, expiry and schedules) over large group indexes and many groups, so the Bloom
 * filter and table collisions are exercised.
 */
class ApiIndexMatchesScanProperties {

    private static final List<Integer> PROTOCOLS = List.of(-1, 6, 17, 1, 0, 255, 58);
    private static final List<Integer> PORTS = List.of(0, 1, 22, 443, 8442, 8443, 8444, 65534, 65535);
    private static final long NOW = Instant.parse("2026-03-11T10:00:00Z").toEpochMilli();
    private static final CompiledSchedule WEEKDAYS = new CompiledSchedule(new Schedule(
            Set.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY), LocalTime.of(8, 0), LocalTime.of(18, 0), ZoneId.of("Europe/London")));

    /** A rule with what it admits: a group, nothing (stale), or prefixes. */
    private record Drawn(CompiledRule rule, int group, List<Addr.Prefix> prefixes) {}

    @Provide
    Arbitrary<List<Integer>> genes() {
        return Arbitraries.integers().between(0, 1 << 16).list().ofMinSize(20).ofMaxSize(1500);
    }

    @Property(tries = 300)
    void indexFindsWhatAScanFinds(@ForAll("genes") List<Integer> ruleGenes, @ForAll("genes") List<Integer> queryGenes) {
        Genes g = new Genes(ruleGenes);
        List<Integer> groups = new ArrayList<>();
        for (int i = 0, n = 1 + g.next(120); i < n; i++) {
            groups.add(g.next(4) == 0 ? g.next(8) : g.next(1 << 20));
        }
        ApiIndex.Builder b = new ApiIndex.Builder(new Api("api", "111111111111", "vpc-a", "api.internal", 8443, List.of()), 0,
                Decision.deny(NetworkReasons.NO_MATCHING_RULE, "", "none"));
        List<Drawn> drawn = new ArrayList<>();
        for (int i = 0, n = 1 + g.next(300); i < n; i++) {
            CompiledRule r = rule(g, i);
            int index = b.rule(r);
            assertThat(index).isEqualTo(i);
            int kind = g.next(4);
            if (kind == 0 || kind == 1) {
                int target = g.pick(groups);
                b.group(target, index);
                drawn.add(new Drawn(r, target, List.of()));
            } else if (kind == 2) {
                b.stale(index);
                drawn.add(new Drawn(r, -1, List.of()));
            } else {
                List<Addr.Prefix> ps = new ArrayList<>();
                for (int k = 0, m = 1 + g.next(3); k < m; k++) {
                    Addr.Prefix p = prefix(g);
                    ps.add(p);
                    b.cidr(p, index);
                }
                drawn.add(new Drawn(r, -1, ps));
            }
        }
        b.vpcRange(3, new Addr.Prefix(4, 16, 0, 0x0A03_0000L));
        b.vpcRange(5, new Addr.Prefix(6, 48, 0xFD00_0005_0000_0000L, 0));
        b.vpcRange(7, new Addr.Prefix(4, 8, 0, 0x0A00_0000L));
        ApiIndex index = b.build();
        assertThat(index.rules()).extracting(CompiledRule::index).containsExactlyElementsOf(drawn.stream().map(d -> d.rule.index()).toList());

        Genes q = new Genes(queryGenes);
        for (int i = 0; i < 60; i++) {
            TreeSet<Integer> mine = new TreeSet<>();
            for (int k = 0, n = q.next(8); k < n; k++) {
                mine.add(q.oneIn(4) ? q.next(1 << 20) : q.pick(groups));
            }
            int[] sorted = mine.stream().mapToInt(Integer::intValue).toArray();
            int proto = q.pick(PROTOCOLS);
            int port = q.pick(PORTS);
            long now = q.oneIn(3) ? NOW + 8L * 3_600_000 * (1 + q.next(100)) : NOW;
            assertThat(index.matchGroups(sorted, 0, sorted.length, proto, port, now))
                    .as("groups %s %d/%d", mine, proto, port).isEqualTo(scanGroups(drawn, sorted, proto, port, now));
            Addr.Prefix a = address(q, drawn);
            assertThat(index.matchCidr(a.family(), a.hi(), a.lo(), proto, port, now))
                    .as("address %s %d/%d", a, proto, port).isEqualTo(scanCidrs(drawn, a, proto, port, now));
            assertThat(index.resolveVpc(a.family(), a.hi(), a.lo())).as("VPC of %s", a)
                    .isEqualTo(a.family() == 4 ? ((a.lo() >>> 16) == 0x0A03 ? 3 : (a.lo() >>> 24) == 0x0A ? 7 : -1)
                            : (a.hi() >>> 16) == 0xFD00_0005_0000L ? 5 : -1);
        }
    }

    private static CompiledRule rule(Genes g, int i) {
        int proto = g.pick(PROTOCOLS);
        int from = g.pick(PORTS);
        int to = Math.max(from, g.pick(PORTS));
        long expires = switch (g.next(6)) {
            case 0 -> NOW - 1;
            case 1 -> NOW + 1;
            default -> Long.MAX_VALUE;
        };
        CompiledSchedule schedule = g.oneIn(5) ? WEEKDAYS : null;
        return new CompiledRule(proto, from, to, expires, schedule, Decision.allow(NetworkReasons.RULE_MATCH, "rule " + i, ""),
                "111111111111/sg-x", "111111111111/sg-x", i, null);
    }

    /** A prefix near the others (so lookups hit), IPv4 mostly, sometimes IPv6, at any length. */
    private static Addr.Prefix prefix(Genes g) {
        if (g.oneIn(4)) {
            return new Addr.Prefix(6, g.next(129), 0xFD00_0000_0000_0000L | (long) g.next(4) << 32 | g.next(3), (long) g.next(5) << 60 | g.next(3));
        }
        return new Addr.Prefix(4, g.next(33), 0, 0x0A03_0000L | (long) g.next(4) << 8 | g.next(4) << 6 | g.next(3));
    }

    private static Addr.Prefix address(Genes q, List<Drawn> drawn) {
        List<Addr.Prefix> all = drawn.stream().flatMap(d -> d.prefixes.stream()).toList();
        if (!all.isEmpty() && !q.oneIn(4)) {
            Addr.Prefix p = q.pick(all);
            int width = p.family() == 4 ? 32 : 128;
            return new Addr.Prefix(p.family(), width, p.hi() ^ (q.oneIn(2) ? 1L << q.next(64) : 0),
                    width == 32 ? p.lo() ^ (q.oneIn(2) ? 1L << q.next(32) : 0) : p.lo() ^ (q.oneIn(2) ? 1L << q.next(64) : 0));
        }
        return q.oneIn(2) ? new Addr.Prefix(4, 32, 0, q.next(1 << 16) * 65_537L & 0xFFFF_FFFFL)
                : new Addr.Prefix(6, 128, 0xFD00_0005_0000_0000L | q.next(3), q.next(1000));
    }

    private static boolean admits(CompiledRule r, int proto, int port, long now) {
        return r.matchesTraffic(proto, port) && r.inForceAt(now);
    }

    private static int scanGroups(List<Drawn> drawn, int[] groups, int proto, int port, long now) {
        for (int g : groups) {
            for (int i = 0; i < drawn.size(); i++) {
                if (drawn.get(i).group == g && admits(drawn.get(i).rule, proto, port, now)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int scanCidrs(List<Drawn> drawn, Addr.Prefix a, int proto, int port, long now) {
        record Hit(int bits, int rule) {}
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < drawn.size(); i++) {
            for (Addr.Prefix p : drawn.get(i).prefixes) {
                if (covers(p, a) && admits(drawn.get(i).rule, proto, port, now)) {
                    hits.add(new Hit(p.bits(), i));
                }
            }
        }
        // most specific first; among equal lengths (one network) the first inserted: min() keeps the first of equals
        return hits.stream().min(Comparator.comparingInt((Hit h) -> -h.bits)).map(Hit::rule).orElse(-1);
    }

    private static boolean covers(Addr.Prefix p, Addr.Prefix a) {
        if (p.family() != a.family()) {
            return false;
        }
        int width = p.family() == 4 ? 32 : 128;
        return Addr.maskHi(p.hi(), p.bits(), width) == Addr.maskHi(a.hi(), p.bits(), width)
                && Addr.maskLo(p.lo(), p.bits(), width) == Addr.maskLo(a.lo(), p.bits(), width);
    }
}
