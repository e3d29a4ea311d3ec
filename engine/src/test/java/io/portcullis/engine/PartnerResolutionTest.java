package io.portcullis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.config.ConfigLoader;
import io.portcullis.config.GroupRef;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.Workload;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Source;
import io.portcullis.engine.internal.Addr;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A partner's address resolves to the partner (its id as the workload, its account, its effective groups) for
 * every address of its ranges and for no address beside them, so the rules on its groups admit exactly its range.
 */
class PartnerResolutionTest {

    private static final String CONFIG = """
            accounts: [{id: "111111111111", name: a}]
            vpcs: [{id: vpc-a, account: "111111111111", cidrs: [10.1.0.0/16]}]
            vpcEndpoints: [{id: vpce-a, vpc: vpc-a}]
            securityGroups:
              - id: sg-api
                account: "111111111111"
                vpc: vpc-a
                ingress:
                  - {protocol: tcp, ports: 443, from: {group: sg-clients}}
                  - {protocol: tcp, ports: 443, from: {group: sg-partners}, description: partners}
              - {id: sg-clients, account: "111111111111", vpc: vpc-a}
              - {id: sg-partners, account: "111111111111", vpc: vpc-a, includes: [sg-initech]}
              - {id: sg-initech, account: "111111111111", vpc: vpc-a}
              - {id: sg-elsewhere, account: "111111111111", vpc: vpc-a}
            workloads:
              - {id: w1, account: "111111111111", vpc: vpc-a, addresses: [10.1.0.5], groups: [sg-clients]}
            partners:
              - {id: initech, account: "333333333333", cidrs: [203.0.113.0/24, "2001:db8:0:1::/64"], groups: ["111111111111/sg-initech"]}
              - {id: globex, account: "444444444444", cidrs: [198.51.100.0/25], groups: ["111111111111/sg-elsewhere"]}
            apis:
              - {name: api, account: "111111111111", vpc: vpc-a, listen: "127.0.0.1:443", securityGroups: [sg-api]}
            """;
    private static final PortcullisConfig CONFIGURATION = load();
    private static final long NOW = Instant.parse("2026-11-23T12:00:00Z").toEpochMilli();

    private static PortcullisConfig load() {
        var report = ConfigLoader.create().loadString(CONFIG, "partners.yaml");
        assertThat(report.problems()).isEmpty();
        return report.orThrow();
    }

    private final AccessEngine engine = AccessEngine.compile(CONFIGURATION);
    private final Snapshot snapshot = engine.snapshot();
    private final ApiRef api = snapshot.api("api").orElseThrow();

    private Decision decide(String address, String endpoint) {
        return snapshot.decide("api", Addr.inet(address), endpoint, 6, 443, NOW);
    }

    @Test
    void aPartnersAddressIsThePartnerWithItsAccountAndEffectiveGroups() {
        Source s = snapshot.resolve(api, Addr.inet("203.0.113.7"), "");
        assertThat(s).isEqualTo(new Source("", "", Addr.inet("203.0.113.7"), "initech", "333333333333",
                List.of("111111111111/sg-partners", "111111111111/sg-initech")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "203.0.113.0, true", "203.0.113.7, true", "203.0.113.255, true", "2001:db8:0:1::1, true",
            "2001:db8:0:1:ffff:ffff:ffff:ffff, true",
            "203.0.112.255, false", "203.0.114.0, false", "2001:db8:0:2::1, false", "2001:db8::ffff, false"})
    void everyAddressOfTheRangeIsThePartnerAndNoNeighbourIs(String address, boolean partner) {
        Decision d = decide(address, "");
        Source s = snapshot.resolve(api, Addr.inet(address), "");
        if (partner) {
            assertThat(d.allowed()).isTrue();
            assertThat(d.decidedBy()).isEqualTo("111111111111/sg-api ingress[1]");
            assertThat(s.workload()).isEqualTo("initech");
        } else {
            assertThat(d.reason()).isEqualTo(NetworkReasons.NO_MATCHING_RULE);
            assertThat(s).isEqualTo(new Source("", "", Addr.inet(address), "", "", List.of()));
        }
    }

    @Test
    void aPartnerIsAdmittedOnlyWhereItsGroupsAre() {
        assertThat(decide("198.51.100.9", "").reason()).isEqualTo(NetworkReasons.NO_MATCHING_RULE);
        Source s = snapshot.resolve(api, Addr.inet("198.51.100.9"), "");
        assertThat(s.workload()).isEqualTo("globex");
        assertThat(s.account()).as("the partner's account, not the VPC's").isEqualTo("444444444444");
    }

    @Test
    void throughAnEndpointThePartnerKeepsItsIdentityAndGetsTheEndpointsVpc() {
        assertThat(decide("203.0.113.7", "vpce-a").allowed()).isTrue();
        Source s = snapshot.resolve(api, Addr.inet("203.0.113.7"), "vpce-a");
        assertThat(s.vpc()).isEqualTo("vpc-a");
        assertThat(s.vpcEndpoint()).isEqualTo("vpce-a");
        assertThat(s.workload()).isEqualTo("initech");
        assertThat(s.account()).isEqualTo("333333333333");
    }

    @Test
    void workloadsStillResolveAsBefore() {
        assertThat(decide("10.1.0.5", "").decidedBy()).isEqualTo("111111111111/sg-api ingress[0]");
        assertThat(snapshot.resolve(api, Addr.inet("10.1.0.6"), "")).isEqualTo(new Source("vpc-a", "", Addr.inet("10.1.0.6"),
                "", "111111111111", List.of()));
    }

    @Test
    void explainNamesThePartnerAndThePathThroughItsGroups() {
        Explanation e = new Explainer(snapshot).check(SourceSpec.parse("203.0.113.7"), "api", 6, null, Instant.ofEpochMilli(NOW));
        assertThat(e.decision().allowed()).isTrue();
        assertThat(e.source()).isEqualTo("partner initech (203.0.113.7 outside every VPC)");
        assertThat(e.path()).containsExactly("partner initech", "member of 111111111111/sg-initech",
                "included in 111111111111/sg-partners", "111111111111/sg-api ingress[1] tcp/443 from 111111111111/sg-partners (partners)");
        Explanation workload = new Explainer(snapshot).check(SourceSpec.parse("10.1.0.5"), "api", 6, null, Instant.ofEpochMilli(NOW));
        assertThat(workload.source()).isEqualTo("workload w1 (10.1.0.5 in vpc-a)");
        Explanation neighbour = new Explainer(snapshot).check(SourceSpec.parse("203.0.114.1"), "api", 6, null, Instant.ofEpochMilli(NOW));
        assertThat(neighbour.decision().allowed()).isFalse();
        assertThat(neighbour.source()).isEqualTo("203.0.114.1 outside every VPC");
    }

    @Test
    void whoCanReachListsThePartnersItsGroupsAdmit() {
        assertThat(new Explainer(snapshot).whoCanReach("api", 6, null, Instant.ofEpochMilli(NOW)))
                .extracting(r -> r.kind() + " " + r.subject() + " " + r.rule())
                .containsExactly("workload w1 111111111111/sg-api ingress[0]", "partner initech 111111111111/sg-api ingress[1]");
    }

    @Test
    void aWorkloadCannotTakeAPartnersId() {
        assertThatThrownBy(() -> engine.upsertWorkload(new Workload("initech", "111111111111", "vpc-a", List.of("10.1.0.9"),
                List.of(new GroupRef("111111111111", "sg-clients")), Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("workload 'initech': 'initech' is a partner's id");
    }

    @Test
    void decidingForAPartnerAllocatesNothing() {
        int partner = (203 << 24) | (113 << 8) | 7;
        int neighbour = (203 << 24) | (114 << 8) | 7;
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        boolean allowed = threads.getCurrentThreadAllocatedBytes() > 0; // warms the measurement up too
        for (int i = 0; i < 20_000; i++) { // warm up: class loading and compilation allocate
            allowed &= snapshot.decideIpv4(api, -1, partner, 6, 443, NOW).allowed();
            allowed &= !snapshot.decideIpv4(api, -1, neighbour, 6, 443, NOW).allowed();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 20_000; i++) {
            allowed &= snapshot.decideIpv4(api, -1, partner, 6, 443, NOW).allowed();
            allowed &= !snapshot.decideIpv4(api, -1, neighbour, 6, 443, NOW).allowed();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allowed).isTrue();
        // The smallest object is 16 bytes, so anything allocated per decision would be 640,000 bytes or more; the
        // bound leaves room for what the JVM allocates on this thread once in a while (a compilation's bookkeeping).
        assertThat(allocated).as("bytes allocated by 40,000 decisions").isLessThan(40_000);
    }
}
