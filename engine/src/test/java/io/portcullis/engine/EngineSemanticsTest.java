package io.portcullis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.config.ConfigLoader;
import io.portcullis.config.GroupRef;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.Workload;
import io.portcullis.decision.Decision;
import io.portcullis.engine.internal.Addr;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EngineSemanticsTest {

    private static final PortcullisConfig EXAMPLE = ConfigLoader.create().load(Path.of("../examples/trading")).orThrow();
    private static final long MONDAY_NOON_UTC = Instant.parse("2026-11-23T12:00:00Z").toEpochMilli();

    private static Decision decide(AccessEngine e, String api, String address, String vpce, int port, long now) {
        return e.snapshot().decide(api, Addr.inet(address), vpce, 6, port, now);
    }

    @Test
    void nestedMembershipAdmitsAndNamesTheRule() {
        Decision d = decide(AccessEngine.compile(EXAMPLE), "orders", "10.10.1.10", "", 8443, MONDAY_NOON_UTC);
        assertThat(d.allowed()).isTrue();
        assertThat(d.decidedBy()).isEqualTo("111111111111/sg-orders-api ingress[0]");
    }

    @Test
    void sameAddressInAnUnconnectedVpcIsADifferentSource() {
        AccessEngine e = AccessEngine.compile(EXAMPLE);
        Explanation sandbox = new Explainer(e.snapshot()).check(SourceSpec.parse("10.10.1.10@vpc-sandbox"), "orders", 6, null,
                Instant.ofEpochMilli(MONDAY_NOON_UTC));
        assertThat(sandbox.decision().allowed()).isFalse();
        assertThat(sandbox.source()).contains("sandbox-dev-1");
    }

    @Test
    void crossAccountReferenceWorksAcrossPeeringOnly() {
        AccessEngine e = AccessEngine.compile(EXAMPLE);
        assertThat(decide(e, "orders", "10.20.5.5", "", 8443, MONDAY_NOON_UTC).decidedBy()).isEqualTo("111111111111/sg-orders-api ingress[1]");
        // analytics is reachable from platform over the transit gateway but not from trading (peering is not transitive)
        assertThat(decide(e, "analytics", "10.20.5.5", "", 9443, MONDAY_NOON_UTC).allowed()).isTrue();
        assertThat(decide(e, "analytics", "10.10.1.10", "", 9443, MONDAY_NOON_UTC).allowed()).isFalse();
    }

    @Test
    void arrivingThroughAnEndpointSetsTheSourceVpc() {
        AccessEngine e = AccessEngine.compile(EXAMPLE);
        assertThat(decide(e, "analytics", "10.30.1.5", "vpce-0analytics000001", 9443, MONDAY_NOON_UTC).allowed()).isTrue();
        assertThat(decide(e, "analytics", "10.30.1.5", "vpce-unknown", 9443, MONDAY_NOON_UTC).reason())
                .isEqualTo(NetworkReasons.UNKNOWN_ENDPOINT);
    }

    @Test
    void ipv6AddressOfAWorkloadResolves() {
        assertThat(decide(AccessEngine.compile(EXAMPLE), "analytics", "fd00:30::15", "", 9443, MONDAY_NOON_UTC).allowed()).isTrue();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            // Europe/London business hours, Monday to Friday 07:00-19:00 wall clock
            "2026-11-23T06:59:59Z, false", "2026-11-23T07:00:00Z, true", "2026-11-23T18:59:59Z, true", "2026-11-23T19:00:00Z, false",
            // British Summer Time (UTC+1): 07:00 London is 06:00 UTC
            "2026-07-06T05:59:59Z, false", "2026-07-06T06:00:00Z, true", "2026-07-06T17:59:59Z, true", "2026-07-06T18:00:00Z, false",
            // the day after the spring-forward (Mon 30 March 2026) and Saturday
            "2026-03-30T06:00:00Z, true", "2026-03-28T12:00:00Z, false",
    })
    void scheduleFollowsTheWallClockAcrossDaylightSaving(String at, boolean allowed) {
        assertThat(decide(AccessEngine.compile(EXAMPLE), "orders", "10.99.0.7", "", 8443, Instant.parse(at).toEpochMilli()).allowed())
                .isEqualTo(allowed);
    }

    @Test
    void expiryIsExclusiveAtTheInstant() {
        AccessEngine e = AccessEngine.compile(EXAMPLE);
        long expires = Instant.parse("2025-06-30T00:00:00Z").toEpochMilli();
        assertThat(decide(e, "orders", "10.10.3.30", "", 8443, expires - 1).allowed()).isTrue();
        assertThat(decide(e, "orders", "10.10.3.30", "", 8443, expires).allowed()).isFalse();
    }

    @Test
    void membershipChangeIsVisibleWithoutRecompiling() {
        AccessEngine e = AccessEngine.compile(EXAMPLE);
        assertThat(decide(e, "orders", "10.10.9.9", "", 8443, MONDAY_NOON_UTC).allowed()).isFalse();
        e.upsertWorkload(new Workload("new-bot", "111111111111", "vpc-trading", List.of("10.10.9.9"),
                List.of(new GroupRef("111111111111", "sg-traders")), Map.of()));
        assertThat(decide(e, "orders", "10.10.9.9", "", 8443, MONDAY_NOON_UTC).allowed()).isTrue();
        e.upsertWorkload(new Workload("new-bot", "111111111111", "vpc-trading", List.of("10.10.9.9"),
                List.of(new GroupRef("111111111111", "sg-legacy-gw")), Map.of()));
        assertThat(decide(e, "orders", "10.10.9.9", "", 8443, MONDAY_NOON_UTC).allowed()).isFalse();
        e.upsertWorkload(new Workload("new-bot", "111111111111", "vpc-trading", List.of("10.10.9.9"),
                List.of(new GroupRef("111111111111", "sg-traders")), Map.of()));
        assertThat(e.removeWorkload("new-bot")).isTrue();
        assertThat(decide(e, "orders", "10.10.9.9", "", 8443, MONDAY_NOON_UTC).allowed()).isFalse();
    }

    @Test
    void nearMissesExplainADenial() {
        Explanation x = new Explainer(AccessEngine.compile(EXAMPLE).snapshot())
                .check(SourceSpec.parse("workload:trader-1"), "orders", 6, 443, Instant.ofEpochMilli(MONDAY_NOON_UTC));
        assertThat(x.decision().allowed()).isFalse();
        assertThat(x.nearMisses()).extracting(Explanation.NearMiss::detail).containsExactly("allows tcp/8443, asked tcp/443");
    }
}
