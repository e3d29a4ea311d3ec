package io.portcullis.config.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.config.PortcullisConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every change that can alter a decision changes the digest. The edits are generated from the rich configuration
 * (examples/trading plus an API that sets every serving field and every node section); each one that still loads
 * must give a digest of its own, shared only with edits that produce the very same configuration.
 */
class PlanDigestMutationTest {

    /** Where the node writes or re-reads live data: the canonical form leaves these out (docs/plan-digest.md). */
    private static final Set<String> LOCATIONS = Set.of("audit.dir", "accessLog.path", "threatFeeds[].file");

    @TempDir
    Path tmp;

    private Path work;
    private Map<String, ObjectNode> files;
    private PortcullisConfig baseConfig;
    private PlanDigest base;

    @BeforeEach
    void richConfiguration() {
        work = ConfigDir.rich(tmp.resolve("work"));
        files = ConfigDir.read(work);
        ConfigDir.write(work, files); // the same configuration as the generated edits write it, without comments
        baseConfig = ConfigDir.load(work);
        base = PlanDigest.of(baseConfig);
    }

    /** The configuration after {@code m}, written over the work directory (so file paths stay the same), or null. */
    private PortcullisConfig apply(Mutations.Mutation m) {
        ConfigDir.write(work, m.files());
        return ConfigDir.loadIfValid(work);
    }

    @Test
    void everyGeneratedChangeThatLoadsHasADigestOfItsOwn() throws java.io.IOException {
        List<Mutations.Mutation> all = new ArrayList<>(Mutations.scalars(files));
        all.addAll(Mutations.removals(files));
        Map<PortcullisConfig, String> digestOf = new HashMap<>();
        Map<String, String> changeOf = new HashMap<>();
        digestOf.put(baseConfig, base.hex());
        changeOf.put(base.hex(), "(unchanged)");
        List<String> collisions = new ArrayList<>();
        List<String> log = new ArrayList<>();
        int valid = 0;
        for (Mutations.Mutation m : all) {
            PortcullisConfig c = apply(m);
            if (c == null || LOCATIONS.contains(m.pattern())) {
                log.add((c == null ? "refused   " : "location  ") + m.name());
                continue;
            }
            valid++;
            PlanDigest d = PlanDigest.of(c);
            log.add(d.hex().substring(0, 10) + m.name());
            if (d.canonicalJson().contains("{\"unreadable\":true}")) {
                // a path renamed to a file that does not exist: refused by run, and marked rather than hashed, so two
                // such edits of one field share a digest (docs/plan-digest.md)
                assertThat(d).as(m.name()).isNotEqualTo(base);
                continue;
            }
            String hex = d.hex();
            String earlier = digestOf.putIfAbsent(c, hex);
            String other = changeOf.putIfAbsent(hex, m.name());
            if (earlier != null && !earlier.equals(hex)) {
                collisions.add(m.name() + ": the same configuration as an earlier edit, another digest");
            } else if (earlier == null && other != null) {
                collisions.add(m.name() + ": same digest as " + other);
            }
        }
        Path report = Path.of("target/plan-digest/mutations.txt");
        Files.createDirectories(report.getParent());
        Files.write(report, log);
        assertThat(collisions).isEmpty();
        assertThat(valid).as("generated edits that load (of %s; each listed in config/%s)", all.size(), report).isGreaterThan(300);
    }

    @Test
    void swappingItemsKeepsTheDigestExactlyForUnorderedLists() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Mutations.Mutation m : Mutations.swaps(files)) {
            PortcullisConfig c = apply(m);
            if (c == null) {
                continue;
            }
            checked++;
            boolean same = PlanDigest.of(c).equals(base);
            if (same != YamlEdits.UNORDERED.contains(m.pattern())) {
                wrong.add(m.name() + (same ? ": digest kept, but the list is ordered" : ": digest changed, but the list is a set"));
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(checked).isGreaterThan(30);
    }

    @Test
    void locationsWhereTheNodeWritesOrReadsLiveDataAreLeftOut() {
        for (Mutations.Mutation m : Mutations.scalars(files)) {
            if (LOCATIONS.contains(m.pattern())) {
                PortcullisConfig c = apply(m);
                assertThat(c).as(m.name()).isNotNull();
                assertThat(PlanDigest.of(c)).as(m.name()).isEqualTo(base);
            }
        }
        ConfigDir.write(work, files);
        ConfigDir.writeString(work.resolve("feeds/local.netset"), "198.51.100.0/24\n");
        assertThat(ConfigDir.digest(work)).as("a feed file is live data, re-read at every refresh").isEqualTo(base);
    }

    static Stream<Arguments> namedChanges() {
        return Stream.of(
                Arguments.of("an API's port", "apis.yaml", "listen: \"0.0.0.0:8443\"", "listen: \"0.0.0.0:8444\""),
                Arguments.of("a rule's port", "groups.yaml", "ports: \"8443-8444\"", "ports: \"8443-8445\""),
                Arguments.of("a prefix list's CIDR", "network.yaml", "cidrs: [10.99.0.0/16]", "cidrs: [10.99.0.0/17]"),
                Arguments.of("a workload's group", "workloads.yaml", "groups: [sg-traders], labels: { desk: fx }",
                        "groups: [sg-risk-engine], labels: { desk: fx }"),
                Arguments.of("an ingress rule added", "groups.yaml", "description: platform health checks }",
                        "description: platform health checks }\n      - { protocol: tcp, ports: 9090, from: { cidr: 10.20.0.0/16 } }"),
                Arguments.of("an ingress rule removed", "groups.yaml",
                        "      - { protocol: tcp, ports: 9443, from: { group: \"111111111111/sg-traders\" }, description: traders (never worked) }\n", ""),
                Arguments.of("two ingress rules swapped", "reports.yaml",
                        "      - { protocol: icmp, from: { cidr: \"fd00:30::/64\" }, description: path MTU discovery }\n"
                                + "      - { protocol: udp, ports: 9444, from: { group: \"222222222222/sg-batch\" }, description: batch over QUIC }",
                        "      - { protocol: udp, ports: 9444, from: { group: \"222222222222/sg-batch\" }, description: batch over QUIC }\n"
                                + "      - { protocol: icmp, from: { cidr: \"fd00:30::/64\" }, description: path MTU discovery }"),
                Arguments.of("routes in another order", "reports.yaml",
                        "      - { path: \"/reports/**\", methods: [GET, POST, DELETE] }\n      - { path: /health }",
                        "      - { path: /health }\n      - { path: \"/reports/**\", methods: [GET, POST, DELETE] }"),
                Arguments.of("a method", "apis.yaml", "methods: [GET, POST]}", "methods: [GET, PUT]}"),
                Arguments.of("a rate limit's capacity", "apis.yaml", "capacity: 200", "capacity: 201"),
                Arguments.of("rate limits in another order", "reports.yaml",
                        "        - { key: group, capacity: 1000, refillTokens: 500, refillPeriod: 1s }\n"
                                + "        - { key: workload, capacity: 50, refillPeriod: 1m }",
                        "        - { key: workload, capacity: 50, refillPeriod: 1m }\n"
                                + "        - { key: group, capacity: 1000, refillTokens: 500, refillPeriod: 1s }"),
                Arguments.of("a JWT audience", "apis.yaml", "audiences: [orders]", "audiences: [orders, orders-v2]"),
                Arguments.of("an inline policy statement added", "apis.yaml",
                        "        - {Sid: AllowTheRest, Effect: Allow, Principal: \"*\", Action: \"execute-api:Invoke\", Resource: \"execute-api:/*\"}",
                        "        - {Sid: AllowTheRest, Effect: Allow, Principal: \"*\", Action: \"execute-api:Invoke\", Resource: \"execute-api:/*\"}\n"
                                + "        - {Sid: AllowTheRestAgain, Effect: Allow, Principal: \"*\", Action: \"execute-api:Invoke\", Resource: \"execute-api:/*\"}"),
                Arguments.of("the audit log's failure mode", "node.yaml", "onFailure: fail-closed", "onFailure: fail-open"),
                Arguments.of("the audit log's query recording", "node.yaml", "  recordQuery: false", "  recordQuery: true"),
                Arguments.of("a schedule's zone", "reports.yaml", "zone: Europe/Paris }\n        expires", "zone: Europe/Berlin }\n        expires"),
                Arguments.of("a rule's expiry", "reports.yaml", "expires: \"2030-01-01T00:00:00Z\"", "expires: \"2030-01-01T00:00:01Z\""),
                Arguments.of("a policy file's bytes", "policies/reports.json", "\"vpc-platform\"", "\"vpc-sandbox\""),
                Arguments.of("a policy file's whitespace", "policies/reports.json", "\n}", "\n}\n"),
                Arguments.of("the JWK set's bytes", "keys/idp-jwks.json", "}", "} "),
                Arguments.of("the TLS key's bytes", "tls/server.key", "not a real key", "not a real key either"),
                Arguments.of("the HMAC secrets' bytes", "keys/hmac-secrets.json", "\"test\"", "\"test2\""),
                Arguments.of("the audit signing key's bytes", "keys/audit-signing.key", "key", "key!"),
                Arguments.of("the webhook URL's token", "node.yaml", "not-a-real-token", "not-a-real-token-2"),
                Arguments.of("a threat feed's URL key", "node.yaml", "key=not-a-real-key", "key=not-a-real-key-2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namedChanges")
    void aChangeThatAltersADecisionChangesTheDigest(String change, String file, String from, String to) {
        Path dir = ConfigDir.rich(tmp.resolve("as-written")); // with its comments and flow style, as the edits expect
        Path p = dir.resolve(file);
        PlanDigest before = ConfigDir.digest(dir);
        String text = ConfigDir.readString(p);
        assertThat(text).as(file).contains(from);
        ConfigDir.writeString(p, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
        assertThat(ConfigDir.digest(dir)).as(change).isNotEqualTo(before);
    }

    @Test
    void aReferencedFileReplacedByAnotherWithTheSameBytesKeepsTheDigest() throws Exception {
        Files.writeString(work.resolve("tls/server-copy.key"), Files.readString(work.resolve("tls/server.key")));
        Map<String, ObjectNode> edited = ConfigDir.read(work);
        ((ObjectNode) edited.get("reports.yaml").at("/apis/0/tls")).put("key", "tls/server-copy.key");
        ConfigDir.write(work, edited);
        assertThat(ConfigDir.digest(work)).isEqualTo(base);
    }
}
