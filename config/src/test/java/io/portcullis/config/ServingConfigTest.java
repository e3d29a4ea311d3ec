package io.portcullis.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.settings.ClientAuth;
import io.portcullis.settings.Limits;
import io.portcullis.settings.ProxyProtocol;
import io.portcullis.settings.RateLimitKey;
import io.portcullis.settings.RateLimitSettings;
import io.portcullis.config.api.Serving;
import io.portcullis.config.node.NodeConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The serving fields of {@code apis[]} and the node-level sections: shapes, defaults and exact error messages. */
class ServingConfigTest {

    /** One account, one VPC, the API's group and a caller group: what every API in these tests is placed on. */
    static final String NETWORK = """
            accounts: [{id: "111111111111", name: a}]
            vpcs: [{id: vpc-a, account: "111111111111", cidrs: [10.1.0.0/16]}]
            securityGroups:
              - {id: sg-api, account: "111111111111", vpc: vpc-a, ingress: [{protocol: tcp, ports: 8443, from: {group: sg-c}}]}
              - {id: sg-c, account: "111111111111", vpc: vpc-a}
            """;

    private static final String FULL_API = NETWORK + """
            apis:
              - name: orders
                account: "111111111111"
                vpc: vpc-a
                listen: "127.0.0.1:8443"
                securityGroups: [sg-api]
                upstream: http://127.0.0.1:9000
                proxyProtocol: optional
                trustedProxies: [10.1.0.0/24]
                tls: {cert: certs/server.pem, key: certs/server.key, clientCa: certs/ca.pem, clientAuth: required,
                      bindCertificateToWorkload: true}
                limits:
                  maxHeaderBytes: 32KiB
                  maxBodyBytes: 1MiB
                  maxConnectionsPerSource: 50
                  maxConnections: 1000
                  rateLimits: [{key: workload, capacity: 100, refillTokens: 50, refillPeriod: 1s}]
                timeouts: {connect: 2s, headerRead: 5s, idle: 1m, upstreamResponse: 30s}
                routes:
                  - {path: /orders/**, methods: [GET, POST], limits: {maxBodyBytes: 4096, rateLimits: [{key: route, capacity: 10, refillPeriod: 1m}]},
                     requires: {scopes: [orders.write], roles: [trader], window: {days: [mon, fri], from: "07:00", to: "19:00", zone: Europe/London}}}
                  - {path: /health, upstream: "http://127.0.0.1:9001"}
                auth:
                  jwt: {issuer: https://idp.example, audiences: [orders], algorithms: [ES256, EdDSA], jwks: keys/jwks.json, clockSkew: 30s}
                  bind: {groupsClaim: groups, workloadClaim: sub}
                  principal: "arn:aws:iam::{account}:role/{sub}"
                  region: eu-west-2
                  stage: live
                resourcePolicy:
                  Version: "2012-10-17"
                  Statement: [{Effect: Allow, Principal: "*", Action: "execute-api:Invoke", Resource: "*"}]
            """;

    private final ConfigLoader loader = ConfigLoader.create();

    private List<String> errors(String yaml) {
        return loader.loadString(yaml, "").errors().stream().map(ConfigValidationTest::brief).toList();
    }

    @Test
    void anchorsAliasesAndMergeKeysShareSettingsBetweenApis() {
        String yaml = NETWORK + """
                x-defaults: &api
                  account: "111111111111"
                  vpc: vpc-a
                  securityGroups: [sg-api]
                  upstream: http://127.0.0.1:9000
                x-limits: &limits
                  maxConnections: 7
                  rateLimits: [&perWorkload {key: workload, capacity: 5, refillPeriod: 1s}]
                apis:
                  - <<: *api
                    name: orders
                    listen: "127.0.0.1:8443"
                    limits: *limits
                  - <<: [*api]
                    name: ledger
                    listen: "127.0.0.1:8444"
                    upstream: http://127.0.0.1:9001
                    limits: {maxConnections: 3, rateLimits: [*perWorkload]}
                """;
        ValidationReport r = loader.loadString(yaml, "");
        assertThat(r.errors()).isEmpty();
        List<Api> apis = r.config().orElseThrow().apis();
        assertThat(apis).extracting(Api::account).containsExactly("111111111111", "111111111111");
        assertThat(apis.get(0).serving().upstream()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(apis.get(1).serving().upstream()).contains(URI.create("http://127.0.0.1:9001")); // its own wins
        assertThat(apis.get(0).serving().limits().maxConnections()).isEqualTo(7);
        assertThat(apis.get(1).serving().limits().maxConnections()).isEqualTo(3);
        assertThat(apis.get(0).serving().limits().rateLimits())
                .isEqualTo(apis.get(1).serving().limits().rateLimits())
                .extracting(RateLimitSettings::capacity).containsExactly(5L);
    }

    @Test
    void anAliasWithoutAnAnchorIsAnErrorWithItsPlace() {
        assertThat(loader.loadString(NETWORK + "apis:\n  - name: a\n    limits: *nowhere\n", "").errors())
                .extracting(Problem::toString).containsExactly("line 8, column 13: invalid YAML: alias '*nowhere' refers to no anchor '&nowhere' "
                        + "on a mapping or list earlier in the document (anchors on single values are not supported)");
    }

    @Test
    void everyServingFieldIsReadWithPathsResolvedAgainstTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("portcullis.yaml");
        Files.writeString(file, FULL_API);
        ValidationReport r = loader.load(file);
        assertThat(r.errors()).isEmpty();
        Serving s = r.config().orElseThrow().apis().get(0).serving();
        assertThat(s.upstream()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(s.proxyProtocol()).isEqualTo(ProxyProtocol.OPTIONAL);
        assertThat(s.trustedProxies()).containsExactly("10.1.0.0/24");
        assertThat(s.tls().orElseThrow().cert()).isEqualTo(dir.resolve("certs/server.pem"));
        assertThat(s.tls().orElseThrow().clientAuth()).isEqualTo(ClientAuth.REQUIRED);
        assertThat(s.tls().orElseThrow().bindCertificateToWorkload()).isTrue();
        assertThat(s.limits().maxHeaderBytes()).isEqualTo(32 * 1024);
        assertThat(s.limits().maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(s.limits().maxConnectionsPerGroup()).as("absent: the default").isEqualTo(Limits.DEFAULT.maxConnectionsPerGroup());
        assertThat(s.limits().rateLimits()).containsExactly(new RateLimitSettings(RateLimitKey.WORKLOAD, 100, 50, Duration.ofSeconds(1)));
        assertThat(s.timeouts().idle()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.routes()).hasSize(2);
        assertThat(s.routes().get(0).settings().rateLimits()).containsExactly(new RateLimitSettings(RateLimitKey.ROUTE, 10, 10, Duration.ofMinutes(1)));
        assertThat(s.routes().get(0).requires().scopes()).containsExactly("orders.write");
        assertThat(s.routes().get(0).requires().window()).isPresent();
        assertThat(s.routes().get(1).settings().upstream()).contains(URI.create("http://127.0.0.1:9001"));
        assertThat(s.auth().jwt().orElseThrow().jwks()).contains(dir.resolve("keys/jwks.json").toString());
        assertThat(s.auth().jwt().orElseThrow().tokenHeader()).isEqualTo("Authorization");
        assertThat(s.auth().bind().orElseThrow().groupsClaim()).contains("groups");
        assertThat(s.auth().principal()).contains("arn:aws:iam::{account}:role/{sub}");
        assertThat(s.auth().apiId()).isEqualTo("orders");
        assertThat(s.auth().stage()).isEqualTo("live");
        assertThat(s.resourcePolicy().orElseThrow().json()).contains("\"execute-api:Invoke\"");
        assertThat(s.resourcePolicy().orElseThrow().origin()).isEmpty(); // inline
    }

    @Test
    void anApiWithoutServingFieldsIsStillValidForAnalysis() {
        ValidationReport r = loader.loadString(NETWORK + "apis: [{name: a, account: \"111111111111\", vpc: vpc-a, listen: \"127.0.0.1:1\", securityGroups: [sg-api]}]\n", "");
        assertThat(r.errors()).isEmpty();
        assertThat(r.config().orElseThrow().apis().get(0).serving()).isEqualTo(Serving.NONE);
        assertThat(r.config().orElseThrow().node()).isEqualTo(NodeConfig.NONE);
    }

    @Test
    void offIsTheStringModeNotABoolean() {
        String yaml = FULL_API.replace("proxyProtocol: optional", "proxyProtocol: off");
        assertThat(loader.loadString(yaml, "").config().orElseThrow().apis().get(0).serving().proxyProtocol())
                .isEqualTo(ProxyProtocol.OFF);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "upstream: http://127.0.0.1:9000|upstream: ftp://x|apis[0].upstream: 'ftp://x' (expected: an absolute http or https URL with a host, no user info or fragment)",
        "proxyProtocol: optional|proxyProtocol: sometimes|apis[0].proxyProtocol: 'sometimes' (expected: one of off, optional, required)",
        "trustedProxies: [10.1.0.0/24]|trustedProxies: [10.1.0.1/24]|apis[0].trustedProxies[0]: '10.1.0.1/24' has host bits set (expected: 10.1.0.0/24)",
        "trustedProxies: [10.1.0.0/24]|trustedProxies: [2001:db8::/3666666666666666666666666662]|apis[0].trustedProxies[0]: '2001:db8::/3666666666666666666666666662' (expected: a CIDR such as 10.0.0.0/16 or fd00::/48)",
        "trustedProxies: [10.1.0.0/24]|trustedProxies: []|apis[0].trustedProxies: missing (expected: the CIDRs of the load balancers allowed to send a PROXY header, since proxyProtocol is optional)",
        "clientAuth: required,|clientAuth: optional,|apis[0].tls.bindCertificateToWorkload: true while clientAuth is optional (expected: clientAuth required, so every connection has a certificate to bind)",
        "maxBodyBytes: 1MiB|maxBodyBytes: 1MB|apis[0].limits.maxBodyBytes: '1MB' (expected: a positive size in bytes, such as 16384, 64KiB or 10MiB)",
        "maxConnections: 1000|maxConnections: -1|apis[0].limits.maxConnections: '-1' (expected: a whole number from 1 to 2147483647)",
        "key: workload|key: tenant|apis[0].limits.rateLimits[0].key: 'tenant' (expected: one of workload, group, address, api, route, principal, subject, certificate)",
        "refillPeriod: 1s|refillPeriod: 1 second|apis[0].limits.rateLimits[0].refillPeriod: '1 second' (expected: a positive duration such as 250ms, 10s, 5m, 1h, 1d or PT10S)",
        "idle: 1m|idle: 0s|apis[0].timeouts.idle: '0s' (expected: a positive duration such as 250ms, 10s, 5m, 1h, 1d or PT10S)",
        "path: /orders/**|path: /orders/**/x|apis[0].routes[0].path: '/orders/**/x' (expected: starts with '/', '*' for one segment, '**' only as the last segment)",
        "methods: [GET, POST]|methods: [get]|apis[0].routes[0].methods[0]: 'get' (expected: an upper-case HTTP method such as GET)",
        "algorithms: [ES256, EdDSA]|algorithms: [none]|apis[0].auth.jwt.algorithms[0]: 'none' is never accepted (expected: one of RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA, HS256, HS384, HS512)",
        "algorithms: [ES256, EdDSA]|algorithms: [HS256]|apis[0].auth.jwt.sharedSecrets: missing (expected: the file of HMAC keys, since algorithms include HS*)",
        "audiences: [orders]|audiences: []|apis[0].auth.jwt.audiences: missing or empty (expected: at least one audience this API accepts)",
        "jwks: keys/jwks.json|jwks: http://idp/jwks|apis[0].auth.jwt.jwks: 'http://idp/jwks' (expected: an https:// URL or a file path)",
        "bind: {groupsClaim: groups, workloadClaim: sub}|bind: {}|apis[0].auth.bind: empty (expected: at least one of groupsClaim, accountClaim, workloadClaim)",
        "principal: \"arn:aws:iam::{account}:role/{sub}\"|principal: \"{sub}\"|apis[0].auth.principal: '{sub}' (expected: an ARN template starting with arn:, such as arn:aws:iam::{account}:role/{sub})",
        "region: eu-west-2|region: europe|apis[0].auth.region: 'europe' (expected: an AWS region such as eu-west-2)",
        "upstream: http://127.0.0.1:9000|upstreams: http://127.0.0.1:9000|apis[0].upstreams: unknown key 'upstreams' (expected one of: account, auth, headers, limits, listen, name, owner, proxyProtocol, purpose, resourcePolicy, routes, securityGroups, tags, timeouts, tls, trustedProxies, upstream, vpc)",
    })
    void eachInvalidServingValueGetsOnePreciseError(String from, String to, String expected) {
        assertThat(FULL_API).contains(from);
        assertThat(errors(FULL_API.replace(from, to))).containsExactly(expected);
    }

    @Test
    void aMissingPolicyFileIsReportedAtItsField() {
        String yaml = FULL_API.replace("""
                resourcePolicy:
                  Version: "2012-10-17"
                  Statement: [{Effect: Allow, Principal: "*", Action: "execute-api:Invoke", Resource: "*"}]
            """, "    resourcePolicy: /nonexistent/policy.json\n");
        assertThat(errors(yaml)).singleElement().asString()
                .startsWith("apis[0].resourcePolicy: cannot read '/nonexistent/policy.json': NoSuchFileException");
    }

    private static final String NODE = """
            audit: {dir: audit, signingKey: keys/audit.key, fsyncInterval: 10ms, checkpointInterval: 1m,
                    retention: {maxAge: 30d}}
            accessLog: {path: access.log}
            admin: {listen: "127.0.0.1:9901"}
            alerts:
              webhook: {url: "http://127.0.0.1:9999/hook", attempts: 3}
              rules:
                - {name: scans, type: denials-per-source, threshold: 20, window: 1m}
                - {name: lag, type: audit-lag, threshold: 10000}
            threatFeeds:
              - {name: spamhaus-drop, url: "https://www.spamhaus.org/drop/drop_v4.json", format: spamhaus-drop-json, refresh: 1h}
              - {name: local, file: feeds/blocked.txt, format: plain}
            autoBlock: {key: workload, failures: 5, window: 1m, cooldown: 10m}
            """;

    @Test
    void nodeSectionsAreReadWithDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("node.yaml");
        Files.writeString(file, NETWORK + NODE);
        ValidationReport r = loader.load(file);
        assertThat(r.errors()).isEmpty();
        NodeConfig n = r.config().orElseThrow().node();
        assertThat(n.audit().orElseThrow().dir()).isEqualTo(dir.resolve("audit"));
        assertThat(n.audit().orElseThrow().failClosed()).isTrue();
        assertThat(n.audit().orElseThrow().fsyncInterval()).contains(Duration.ofMillis(10));
        assertThat(n.admin().orElseThrow().port()).isEqualTo(9901);
        assertThat(n.alerts().orElseThrow().webhook().orElseThrow().attempts()).isEqualTo(3);
        assertThat(n.alerts().orElseThrow().rules().get(1).window()).isEqualTo(Duration.ofMinutes(1));
        assertThat(n.threatFeeds()).extracting(f -> f.name()).containsExactly("spamhaus-drop", "local");
        assertThat(n.threatFeeds().get(1).file()).contains(dir.resolve("feeds/blocked.txt"));
        assertThat(n.threatFeeds().get(1).refresh()).isEqualTo(Duration.ofHours(1));
        assertThat(n.autoBlock().orElseThrow().failures()).isEqualTo(5);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "fsyncInterval: 10ms|fsyncInterval: soon|audit.fsyncInterval: 'soon' (expected: a positive duration such as 250ms, 10s, 5m, 1h, 1d or PT10S)",
        "retention: {maxAge: 30d}|retention: {maxAge: 30d}, onFailure: sometimes|audit.onFailure: 'sometimes' (expected: one of fail-closed, fail-open)",
        "type: audit-lag|type: cpu|alerts.rules[1].type: 'cpu' (expected: one of denials-per-source, traffic-per-api, auth-failures-per-group, audit-lag, feed-failure, audit-failure)",
        "format: plain|format: csv|threatFeeds[1].format: 'csv' (expected: one of spamhaus-drop, spamhaus-drop-json, firehol-netset, plain)",
        "file: feeds/blocked.txt|url: \"https://x.example/a\", file: feeds/blocked.txt|threatFeeds[1]: needs exactly one of url and file (expected: where the feed is read from)",
        "name: local|name: spamhaus-drop|threatFeeds[1].name: duplicate feed name 'spamhaus-drop' (expected: unique names)",
        "key: workload|key: vpc|autoBlock.key: 'vpc' (expected: one of address, workload, group)",
        "listen: \"127.0.0.1:9901\"|listen: \"127.0.0.1\"|admin.listen: '127.0.0.1' (expected: HOST:PORT or [IPv6]:PORT with a port 1-65535)",
    })
    void eachInvalidNodeValueGetsOnePreciseError(String from, String to, String expected) {
        assertThat(NODE).contains(from);
        assertThat(errors(NETWORK + NODE.replace(from, to))).containsExactly(expected);
    }

    @Test
    void aNodeSectionMayAppearInOneFileOnly(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), NETWORK + "admin: {listen: \"127.0.0.1:9901\"}\n");
        Files.writeString(dir.resolve("b.yaml"), "admin: {listen: \"127.0.0.1:9902\"}\n");
        assertThat(loader.load(dir).errors()).extracting(Problem::toString)
                .containsExactly(dir.resolve("b.yaml") + ":1:1: admin: already defined in " + dir.resolve("a.yaml")
                        + " (expected: one admin section per configuration)");
    }
}
