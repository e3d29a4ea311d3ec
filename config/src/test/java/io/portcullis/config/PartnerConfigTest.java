package io.portcullis.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code partners[]}: a caller admitted by address range, read from the second file of a configuration directory
 * so that every problem must name that file, its line and column, and the partner by id.
 */
class PartnerConfigTest {

    private static final String NETWORK = """
            accounts: [{id: "111111111111", name: a}]
            vpcs:
              - {id: vpc-a, account: "111111111111", cidrs: [10.1.0.0/16]}
            securityGroups:
              - {id: sg-api, account: "111111111111", vpc: vpc-a, ingress: [{protocol: tcp, ports: 443, from: {group: sg-partner}}]}
              - {id: sg-partner, account: "111111111111", vpc: vpc-a}
              - {id: sg-clients, account: "111111111111", vpc: vpc-a}
            workloads:
              - {id: w1, account: "111111111111", vpc: vpc-a, addresses: [10.1.0.5], groups: [sg-clients]}
            apis:
              - {name: api, account: "111111111111", vpc: vpc-a, listen: "127.0.0.1:443", securityGroups: [sg-api]}
            """;

    private static final String PARTNERS = """
            partners:
              - id: initech
                account: "333333333333"
                cidrs: [203.0.113.0/24, "2001:db8:0:1::/64"]
                groups: ["111111111111/sg-partner"]
                certificates: [spiffe://initech.example/reports, Reports.Initech.Example]
                labels: {contract: c-17}
              - id: globex
                account: "444444444444"
                cidrs: [198.51.100.0/25]
                groups: ["111111111111/sg-partner"]
            """;

    @TempDir
    Path dir;
    private Path partners;
    private final ConfigLoader loader = ConfigLoader.withClock(Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC));

    @BeforeEach
    void write() throws IOException {
        Files.writeString(dir.resolve("a-network.yaml"), NETWORK);
        partners = dir.resolve("b-partners.yaml");
    }

    private ValidationReport load(String partnersYaml) throws IOException {
        Files.writeString(partners, partnersYaml);
        return loader.load(dir);
    }

    /** {@code FILE:LINE:COLUMN} of the {@code nth} (from 1) occurrence of {@code text} in the partners file. */
    private String at(String text, int nth) throws IOException {
        List<String> lines = Files.readAllLines(partners);
        int seen = 0;
        for (int i = 0; i < lines.size(); i++) {
            for (int col = lines.get(i).indexOf(text); col >= 0; col = lines.get(i).indexOf(text, col + 1)) {
                if (++seen == nth) {
                    return partners + ":" + (i + 1) + ":" + (col + 1);
                }
            }
        }
        throw new AssertionError(text + " not in " + partners);
    }

    private String at(String text) throws IOException {
        return at(text, 1);
    }

    private static List<String> errors(ValidationReport r) {
        return r.errors().stream().map(Problem::toString).toList();
    }

    @Test
    void aPartnerLoadsWithItsRangesGroupsAndCertificatesNormalized() throws IOException {
        ValidationReport r = load(PARTNERS);
        assertThat(r.problems()).isEmpty();
        Partner initech = r.config().orElseThrow().partners().get(0);
        assertThat(initech.id()).isEqualTo("initech");
        assertThat(initech.account()).isEqualTo("333333333333");
        assertThat(initech.cidrs()).containsExactly("203.0.113.0/24", "2001:db8:0:1::/64");
        assertThat(initech.groups()).containsExactly(new GroupRef("111111111111", "sg-partner"));
        assertThat(initech.certificates()).containsExactly("spiffe://initech.example/reports", "reports.initech.example");
        assertThat(initech.labels()).isEqualTo(Map.of("contract", "c-17"));
    }

    @Test
    void aGroupWithoutAnAccountIsThePartnersOwn() throws IOException {
        ValidationReport r = load(PARTNERS.replace("[\"111111111111/sg-partner\"]\n    certificates", "[sg-partner]\n    certificates"));
        assertThat(errors(r)).containsExactly(at("sg-partner") + ": partners[0](initech).groups[0]: unknown group "
                + "'333333333333/sg-partner' (expected: a declared group)");
    }

    @Test
    void anIdIsOneCallersAmongPartnersAndWorkloads() throws IOException {
        ValidationReport r = load(PARTNERS.replace("id: globex", "id: w1"));
        assertThat(errors(r)).containsExactly(at("id: w1") + ": partners[1](w1).id: 'w1' is a workload's id (declared at "
                + dir.resolve("a-network.yaml") + ": workloads[0]; expected: an id of its own, since a partner is the "
                + "workload of its requests' source)");
        r = load(PARTNERS.replace("id: globex", "id: initech"));
        assertThat(errors(r)).containsExactly(at("id: initech", 2) + ": partners[1](initech).id: duplicate partner 'initech' "
                + "(first declared at " + partners + ": partners[0])");
    }

    @Test
    void aCertificateIdentityIsOnePartners() throws IOException {
        ValidationReport r = load(PARTNERS + "    certificates: [reports.initech.example]\n");
        assertThat(errors(r)).containsExactly(at("reports.initech.example") + ": partners[1](globex).certificates[0]: "
                + "'reports.initech.example' is already partner 'initech''s (expected: one partner per certificate identity)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "account: \"333333333333\"|account: \"3333\"|account|partners[0](initech).account: '3333' (expected: the partner's 12-digit account id)",
            "cidrs: [203.0.113.0/24, \"2001:db8:0:1::/64\"]|cidrs: [203.0.113.1/24]|203.0.113.1/24|partners[0](initech).cidrs[0]: '203.0.113.1/24' has host bits set (expected: 203.0.113.0/24)",
            "cidrs: [203.0.113.0/24, \"2001:db8:0:1::/64\"]|cidrs: []|cidrs|partners[0](initech).cidrs: missing or empty (expected: the partner's address ranges)",
            "spiffe://initech.example/reports|not a name|not a name|partners[0](initech).certificates[0]: 'not a name' (expected: a certificate identity: a URI such as spiffe://partner.example/analytics, or a DNS name such as analytics.partner.example)",
            "198.51.100.0/25|10.1.128.0/24|10.1.128.0/24|partners[1](globex).cidrs[0]: 10.1.128.0/24 overlaps vpc-a 10.1.0.0/16 (expected: a range outside every VPC: an address in a VPC's space is that VPC's)",
            "198.51.100.0/25|203.0.113.128/25|203.0.113.128/25|partners[1](globex).cidrs[0]: 203.0.113.128/25 overlaps partner 'initech' 203.0.113.0/24 (expected: disjoint ranges: an address is one partner's)",
            "198.51.100.0/25|128.0.0.0/2|128.0.0.0/2|partners[1](globex).cidrs[0]: '128.0.0.0/2' is wider than a /8 (expected: the partner's own range: /8 or narrower for IPv4, /32 or narrower for IPv6)",
            "labels: {contract: c-17}|label: {contract: c-17}|label|partners[0](initech).label: unknown key 'label' (expected one of: account, certificates, cidrs, groups, id, labels)",
    })
    void eachMistakeIsRefusedWhereItIsWritten(String from, String to, String where, String message) throws IOException {
        ValidationReport r = load(PARTNERS.replace(from, to));
        assertThat(errors(r)).containsExactly(at(where) + ": " + message);
    }

    @Test
    void aPartnerInTheAccountOfAnApiIsAWarning() throws IOException {
        ValidationReport r = load(PARTNERS.replace("account: \"444444444444\"", "account: \"111111111111\""));
        assertThat(r.valid()).isTrue();
        assertThat(r.warnings()).extracting(Problem::toString).containsExactly(at("account", 2) + ": partners[1](globex).account: "
                + "partner 'globex' has the account of API 'api' (111111111111): to that API its callers are the same "
                + "account, which a verified token alone admits (expected: the partner's own account)");
    }
}
