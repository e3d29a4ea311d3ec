package io.portcullis.engine.aws;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddressString;
import io.portcullis.config.ConfigLoader;
import io.portcullis.config.GroupRef;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.ValidationReport;
import io.portcullis.config.Workload;
import io.portcullis.decision.Decision;
import io.portcullis.engine.AccessEngine;
import io.portcullis.engine.Explainer;
import io.portcullis.engine.Explanation;
import io.portcullis.engine.SourceSpec;
import io.portcullis.testing.TestData;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The configuration model must express the real AWS export in {@code shared/testdata/aws} (batfish's
 * hybrid-cloud us-west-2 region): translated by {@link AwsExportTranslator}, it validates, and reachability
 * follows AWS semantics on real interfaces, groups and rules. Rule indexes below count one rule per
 * (permission, peer) in export order; the translator's lossy points are listed in its javadoc.
 */
class AwsExportExpressibilityTest {

    static final String ACCOUNT = "118292266645";
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final int TCP = 6;
    static final int UDP = 17;
    static final int ICMP = 1;

    static AwsExportTranslator translator;
    static PortcullisConfig config;
    static ValidationReport report;

    @BeforeAll
    static void load() throws Exception {
        translator = new AwsExportTranslator(TestData.path("aws/batfish-hybrid-cloud-us-west-2"));
        String yaml = translator.yaml();
        report = ConfigLoader.create().loadString(yaml, "aws-export.yaml");
        assertThat(report.errors()).as(yaml).isEmpty();
        config = report.orThrow();
    }

    @Test
    void translatesEveryGroupInterfaceAndPeerOfTheExport() {
        assertThat(config.vpcs()).hasSize(4);
        assertThat(config.workloads()).hasSize(9);
        // 11 exported groups plus the placeholder for the missing sg-cf3f86b3; one rule per (permission, peer).
        assertThat(config.securityGroups()).hasSize(12);
        assertThat(config.securityGroups().stream().mapToInt(g -> g.ingress().size()).sum()).isEqualTo(32);
        assertThat(config.prefixLists()).hasSize(2);
        assertThat(translator.notes()).contains(
                "account id '111234' is not 12 digits; padded to '000000111234'",
                "group 118292266645/sg-cf3f86b3 referenced by sg-55510831 is absent from the export; declared empty in vpc-b390fad5");
    }

    @Test
    void allTrafficWithinTheVpcAdmitsAnotherInterfaceOfTheVpc() {
        Explanation e = check("192.168.2.57@vpc-b390fad5", "api-eni-707e5a5e", UDP, 53);
        assertThat(e.decision().allowed()).isTrue();
        assertThat(e.decision().decidedBy()).isEqualTo(ACCOUNT + "/sg-331ad04e ingress[0]");
        assertThat(e.path()).contains("in 192.168.0.0/16");
        assertThat(e.path().get(e.path().size() - 1)).startsWith(ACCOUNT + "/sg-331ad04e ingress[0] all from 192.168.0.0/16");
    }

    @Test
    void sshFromAnywhereAdmitsAnUnconnectedVpcButHttpDoesNot() {
        // 10.0.0.30 is eni-822b55ac in vpc-925131f4, not connected to vpc-b390fad5: only CIDR rules can match.
        assertThat(decide("api-eni-707e5a5e", "10.0.0.30", TCP, 22).decidedBy()).isEqualTo(ACCOUNT + "/sg-331ad04e ingress[5]");
        assertThat(decide("api-eni-707e5a5e", "10.0.0.30", TCP, 80).allowed()).isFalse();
        assertThat(decide("api-eni-707e5a5e", "38.140.26.9", ICMP, 0).decidedBy()).isEqualTo(ACCOUNT + "/sg-331ad04e ingress[6]");
        assertThat(decide("api-eni-707e5a5e", "39.0.0.1", ICMP, 0).allowed()).isFalse();
    }

    @Test
    void ipv6RangeAdmitsHttpButSshIsIpv4Only() {
        // sg-94df21e9 (eni-0681f828): tcp/80 from 0.0.0.0/0 and ::/0, tcp/22 from 0.0.0.0/0 only.
        assertThat(decide("api-eni-0681f828", "2001:db8::1", TCP, 80).decidedBy()).isEqualTo(ACCOUNT + "/sg-94df21e9 ingress[1]");
        assertThat(decide("api-eni-0681f828", "2001:db8::1", TCP, 22).allowed()).isFalse();
        assertThat(decide("api-eni-0681f828", "198.51.100.1", TCP, 22).decidedBy()).isEqualTo(ACCOUNT + "/sg-94df21e9 ingress[2]");
    }

    @Test
    void groupReferenceAdmitsOnlyInterfacesCarryingTheGroup() {
        // sg-3dfb3140 admits all traffic from members of sg-55510831; no interface in the export carries it.
        assertThat(decide("api-sg-3dfb3140", "192.168.1.25", TCP, 3306).allowed()).isFalse();
        Explanation member = check("group:" + ACCOUNT + "/sg-55510831", "api-sg-3dfb3140", TCP, 3306);
        assertThat(member.decision().allowed()).isTrue();
        assertThat(member.path()).containsSubsequence("member of " + ACCOUNT + "/sg-55510831",
                ACCOUNT + "/sg-3dfb3140 ingress[0] all from " + ACCOUNT + "/sg-55510831");
        // The self-referencing default group of vpc-925131f4: eni-0681f828 carries sg-94df21e9, not sg-eed02393.
        assertThat(decide("api-sg-eed02393", "10.0.0.54", TCP, 443).allowed()).isFalse();
        assertThat(check("group:sg-eed02393", "api-sg-eed02393", UDP, 53).decision().decidedBy())
                .isEqualTo(ACCOUNT + "/sg-eed02393 ingress[0]");
    }

    @Test
    void attachingTheReferencedGroupToARealInterfaceAdmitsItsAddress() {
        AccessEngine engine = AccessEngine.compile(config);
        Workload eni = config.workloads().stream().filter(w -> w.id().equals("eni-d2b094fc")).findFirst().orElseThrow();
        List<GroupRef> groups = new ArrayList<>(eni.groups());
        groups.add(new GroupRef(ACCOUNT, "sg-55510831"));
        engine.upsertWorkload(new Workload(eni.id(), eni.account(), eni.vpc(), eni.addresses(), groups, eni.labels()));
        Decision d = engine.snapshot().decide("api-sg-3dfb3140", inet("192.168.1.25"), "", TCP, 3306, NOW.toEpochMilli());
        assertThat(d.decidedBy()).isEqualTo(ACCOUNT + "/sg-3dfb3140 ingress[0]");
        Explanation e = new Explainer(engine.snapshot()).check(SourceSpec.parse("192.168.1.25@vpc-b390fad5"), "api-sg-3dfb3140", TCP, 3306, NOW);
        assertThat(e.path()).contains("member of " + ACCOUNT + "/sg-55510831");
    }

    @Test
    void referenceToAGroupMissingFromTheExportAdmitsNobodyButCidrsStillApply() {
        // sg-55510831: tcp/3306 from 10.193.0.0/16, four /32s, and members of the absent sg-cf3f86b3.
        assertThat(decide("api-sg-55510831", "10.193.4.5", TCP, 3306).decidedBy()).isEqualTo(ACCOUNT + "/sg-55510831 ingress[0]");
        assertThat(decide("api-sg-55510831", "192.168.1.25", TCP, 3306).allowed()).isFalse();
        assertThat(decide("api-sg-55510831", "10.193.4.5", TCP, 3307).allowed()).isFalse();
    }

    private static Decision decide(String api, String address, int protocol, int port) {
        return AccessEngine.compile(config).snapshot().decide(api, inet(address), "", protocol, port, NOW.toEpochMilli());
    }

    private static Explanation check(String source, String api, int protocol, int port) {
        return new Explainer(AccessEngine.compile(config).snapshot()).check(SourceSpec.parse(source), api, protocol, port, NOW);
    }

    private static InetAddress inet(String text) {
        return new IPAddressString(text).getAddress().toInetAddress();
    }
}
