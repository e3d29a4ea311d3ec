package io.portcullis.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigValidationTest {

    private static final String BASE = """
            accounts: [{id: "111111111111", name: a}, {id: "222222222222", name: b}]
            vpcs:
              - {id: vpc-a, account: "111111111111", cidrs: [10.1.0.0/16]}
              - {id: vpc-b, account: "222222222222", cidrs: [10.2.0.0/16]}
            securityGroups:
              - {id: sg-api, account: "111111111111", vpc: vpc-a, ingress: [{protocol: tcp, ports: 443, from: {group: sg-c}}]}
              - {id: sg-c, account: "111111111111", vpc: vpc-a}
            workloads:
              - {id: w1, account: "111111111111", vpc: vpc-a, addresses: [10.1.0.5], groups: [sg-c]}
            apis:
              - {name: api, account: "111111111111", vpc: vpc-a, listen: "127.0.0.1:8443", securityGroups: [sg-api]}
            """;

    private final ConfigLoader loader = ConfigLoader.withClock(Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC));

    /** {@code PATH: message}: what a problem says, without where it was written (placement has its own tests). */
    static String brief(Problem p) {
        return (p.path().isEmpty() ? "" : p.path() + ": ") + p.message();
    }

    private List<String> errors(String yaml) {
        return loader.loadString(yaml, "").errors().stream().map(ConfigValidationTest::brief).toList();
    }

    @Test
    void loadsTheShippedExampleWithItsTwoWarnings() {
        ValidationReport r = loader.load(Path.of("../examples/trading"));
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).extracting(Problem::path)
                .containsExactly("securityGroups[0].ingress[3].expires", "securityGroups[8].ingress[2].from.group");
    }

    @Test
    void unknownCrossAccountGroupNamesPathAndExpectation() {
        assertThat(errors(BASE.replace("from: {group: sg-c}", "from: {group: \"222222222222/sg-9\"}")))
                .containsExactly("securityGroups[0].ingress[0].from.group: unknown group '222222222222/sg-9' "
                        + "(expected: a group of a declared account in a VPC connected to vpc-a)");
    }

    @Test
    void typoInAKeyIsAnErrorNotIgnored() {
        assertThat(errors(BASE.replace("ports: 443", "port: 443")))
                .containsExactly("securityGroups[0].ingress[0].port: unknown key 'port' "
                        + "(expected one of: description, exception, expires, from, justification, ports, protocol, schedule)");
    }

    @Test
    void reportsEveryErrorAtOnce() {
        String yaml = BASE.replace("id: \"222222222222\"", "id: \"2222\"").replace("10.1.0.5", "10.9.0.5")
                .replace("ports: 443", "ports: \"500-400\"");
        assertThat(errors(yaml)).hasSize(4).anyMatch(e -> e.startsWith("vpcs[1].account: unknown account")).anyMatch(e -> e.startsWith("accounts[1].id: '2222'"))
                .anyMatch(e -> e.startsWith("workloads[0].addresses[0]: '10.9.0.5' is outside vpc-a"))
                .anyMatch(e -> e.startsWith("securityGroups[0].ingress[0].ports: '500-400'"));
    }

    @Test
    void aGroupWithABadAccountStillHasItsRulesCheckedAndAFeedWithTwoSourcesItsKeys() {
        assertThat(errors(BASE.replace("{id: sg-api, account: \"111111111111\"", "{id: sg-api, account: \"1111\"")
                .replace("ports: 443", "port: 443") + "threatFeeds: [{name: f, url: \"https://x.example/a\", file: a.txt, "
                + "format: plain, refreshEvery: 1h}]\n"))
                .contains("securityGroups[0].ingress[0].port: unknown key 'port' (expected one of: description, exception, expires, from, "
                                + "justification, ports, protocol, schedule)",
                        "threatFeeds[0].refreshEvery: unknown key 'refreshEvery' (expected one of: file, format, name, refresh, url)");
    }

    @Test
    void cyclesNameTheWholeCycle() {
        String yaml = BASE.replace("{id: sg-c, account: \"111111111111\", vpc: vpc-a}",
                "{id: sg-c, account: \"111111111111\", vpc: vpc-a, includes: [sg-d]}\n"
                        + "  - {id: sg-d, account: \"111111111111\", vpc: vpc-a, includes: [sg-c]}");
        assertThat(errors(yaml)).containsExactly("securityGroups[1].includes: cycle: 111111111111/sg-c → 111111111111/sg-d → "
                + "111111111111/sg-c (expected: includes without cycles)");
    }

    @Test
    void overlappingConnectedVpcsAreAnError() {
        String yaml = BASE.replace("10.2.0.0/16", "10.1.128.0/17") + "connections: [{type: peering, vpcs: [vpc-a, vpc-b]}]\n";
        assertThat(errors(yaml)).containsExactly("vpcs[1].cidrs: vpc-b 10.1.128.0/17 overlaps vpc-a 10.1.0.0/16 and the two VPCs "
                + "are connected (expected: disjoint address space between VPCs a caller could come from)");
    }

    @Test
    void staleCrossVpcReferenceIsAWarning() {
        ValidationReport r = loader.loadString(BASE.replace("from: {group: sg-c}", "from: {group: \"222222222222/sg-b\"}")
                .replace("  - {id: sg-c,", "  - {id: sg-b, account: \"222222222222\", vpc: vpc-b}\n  - {id: sg-c,"), "");
        assertThat(r.valid()).isTrue();
        assertThat(r.warnings()).extracting(ConfigValidationTest::brief).containsExactly("securityGroups[0].ingress[0].from.group: stale reference: "
                + "222222222222/sg-b is in vpc-b, which is not connected to vpc-a; a group reference across unconnected VPCs matches nothing");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cidr: 10.0.0.1/8|securityGroups[0].ingress[0].from.cidr: '10.0.0.1/8' has host bits set (expected: 10.0.0.0/8)",
            "cidr: '*'|securityGroups[0].ingress[0].from.cidr: '*' (expected: a CIDR such as 10.0.0.0/16 or fd00::/48)",
            "prefixList: pl-x|securityGroups[0].ingress[0].from.prefixList: unknown prefix list 'pl-x' (expected: an id declared under prefixLists)",
    })
    void badPeersArePrecise(String from, String expected) {
        assertThat(errors(BASE.replace("group: sg-c}", from + "}"))).containsExactly(expected);
    }

    @Test
    void aliasBombsAndUnsafeTagsAreRejectedSafely() {
        StringBuilder bomb = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            bomb.append(c).append(": &").append(c).append(" [").append("*").append((char) (c - 1)).append(",*").append((char) (c - 1))
                    .append(",*").append((char) (c - 1)).append(",*").append((char) (c - 1)).append("]\n");
        }
        assertThat(loader.loadString(bomb.toString(), "").errors()).singleElement().asString().startsWith("line ")
                .endsWith("invalid YAML: the document expands to more than 1000000 values (aliases copy what their "
                        + "anchor marks)");
        StringBuilder many = new StringBuilder("x: &x [1]\ny: [");
        for (int i = 0; i < 51; i++) {
            many.append(i == 0 ? "*x" : ", *x");
        }
        assertThat(errors(many.append("]\n").toString())).singleElement().asString()
                .endsWith("invalid YAML: more than 50 aliases in one document");
        assertThat(errors("accounts: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]")).isNotEmpty();
    }
}
