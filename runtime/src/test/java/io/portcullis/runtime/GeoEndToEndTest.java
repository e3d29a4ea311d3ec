package io.portcullis.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.audit.verify.AuditRecords;
import io.portcullis.runtime.demo.DemoUpstream;
import io.portcullis.runtime.explain.RequestExplainer;
import io.portcullis.runtime.explain.RequestExplanation;
import io.portcullis.testing.TestData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a caller comes from, end to end on loopback: a load balancer sends real PROXY v2 headers with source
 * addresses from MaxMind's test networks, the node looks them up in the real test databases, and the resource
 * policy, the route requirements, the audit log and the metrics all say what the databases answered.
 */
class GeoEndToEndTest {

    private static final String LOAD_BALANCER = "127.0.0.50";
    private static final String GB = "81.2.69.160";     // GeoIP2-Country-Test: GB; Anonymous-IP-Test: every kind
    private static final String SE = "89.160.20.112";   // SE, not anonymous
    private static final String US = "216.160.83.56";   // US, not anonymous
    private static final String CN = "175.16.199.1";    // CN in GeoIP2-Country-Test, absent from GeoLite2-Country-Test
    private static final String UNLISTED = "192.0.2.10"; // in neither database

    @TempDir
    Path dir;

    @Test
    void aPolicyAllowingOnlyGbAdmitsGbRefusesSeAndTheAuditLogSaysWhy() throws Exception {
        KeyPair keys = AuditKeys.generate();
        AuditKeys.writeSigningKey(dir.resolve("audit.key"), keys);
        try (DemoUpstream upstream = DemoUpstream.start()) {
            int policyApi = LoopbackClient.freePort();
            int routesApi = LoopbackClient.freePort();
            int admin = LoopbackClient.freePort();
            Files.writeString(dir.resolve("portcullis.yaml"), config(policyApi, routesApi, admin, upstream.uri().toString()));
            try (Node node = Node.builder(List.of(dir.resolve("portcullis.yaml"))).build().start()) {
                assertThat(via(GB, policyApi, "/orders/1").status()).as("GB").isEqualTo(200);
                assertThat(via(SE, policyApi, "/orders/1").status()).as("SE").isEqualTo(403);
                assertThat(via(UNLISTED, policyApi, "/orders/1").status()).as("unlisted: the key is absent").isEqualTo(403);

                assertThat(via(SE, routesApi, "/eu/x").status()).as("SE in [GB, SE]").isEqualTo(200);
                assertThat(via(US, routesApi, "/eu/x").status()).as("US not in [GB, SE]").isEqualTo(403);
                assertThat(via(UNLISTED, routesApi, "/eu/x").status()).as("in no country").isEqualTo(403);
                assertThat(via(SE, routesApi, "/clean/x").status()).as("SE is not anonymous").isEqualTo(200);
                assertThat(via(UNLISTED, routesApi, "/clean/x").status()).as("unlisted is not anonymous").isEqualTo(200);
                assertThat(via(GB, routesApi, "/clean/x").status()).as("81.2.69.160 is a Tor exit").isEqualTo(403);
                assertThat(via(US, routesApi, "/open").status()).as("no requirement").isEqualTo(200);

                RequestExplainer explainer = new RequestExplainer(node.plan());
                RequestExplanation se = explainer.explain(SE + "@vpc-edge", "", "uk-only", "GET", "/orders/1", null, Instant.now());
                assertThat(se.decision().reason().code()).isEqualTo("implicit-deny");
                assertThat(se.decision().detail()).containsPattern("source located in SE by GeoIP2-Country built 20");
                RequestExplanation us = explainer.explain(US + "@vpc-edge", "", "by-route", "GET", "/eu/x", null, Instant.now());
                assertThat(us.decision().reason().code()).isEqualTo("country-not-allowed");
                assertThat(us.decision().detail()).contains("GeoIP2-Country built");

                String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin
                        + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
                assertThat(metrics).containsPattern(
                        "portcullis_geo_database_build_time_seconds\\{database=\"country\"\\} 1\\.[0-9]+E9")
                        .containsPattern("portcullis_geo_database_build_time_seconds\\{database=\"anonymousIp\"\\} 1\\.[0-9]+E9");
            }
        }
        List<String> records = new ArrayList<>();
        AuditRecords.forEach(dir.resolve("audit"), (i, payload) -> records.add(new String(payload, StandardCharsets.UTF_8)));
        List<String> requests = records.stream().filter(r -> r.contains("\"kind\":\"request\"")).toList();
        assertThat(requests).anySatisfy(r -> assertThat(r).contains(GB).contains("\"status\":200")
                .contains("\"reason\":\"allow\"").containsPattern("source located in GB by GeoIP2-Country built 20"));
        assertThat(requests).anySatisfy(r -> assertThat(r).contains(SE).contains("\"status\":403")
                .contains("\"reason\":\"implicit-deny\"").containsPattern("source located in SE by GeoIP2-Country built 20"));
        assertThat(requests).anySatisfy(r -> assertThat(r).contains(US).contains("\"status\":403")
                .contains("\"reason\":\"country-not-allowed\"").contains("routes /eu/**.requires.countries")
                .containsPattern("in US \\(expected: one of \\[GB, SE\\]; GeoIP2-Country built 20"));
        assertThat(requests).as("the audit record says where the source was found, by which database built when")
                .anySatisfy(r -> assertThat(r).contains(SE).contains("\"status\":403").contains(
                        "\"location\":\"country SE, continent EU by GeoIP2-Country built 2026-02-04T22:49:29Z\""))
                .anySatisfy(r -> assertThat(r).contains(GB).contains("\"reason\":\"anonymous-network\"").contains(
                        "\"location\":\"country GB, continent EU by GeoIP2-Country built 2026-02-04T22:49:29Z; anonymous "
                                + "[vpn, hosting-provider, public-proxy, residential-proxy, tor-exit-node] by GeoIP2-Anonymous-IP "
                                + "built 2026-02-04T22:49:29Z\""))
                .anySatisfy(r -> assertThat(r).contains(UNLISTED).contains("\"location\":\"not listed by GeoIP2-Country built "
                        + "2026-02-04T22:49:29Z, GeoIP2-Anonymous-IP built 2026-02-04T22:49:29Z\""))
                .allSatisfy(r -> assertThat(r.contains("\"location\"")).as("only records whose decision used location: " + r)
                        .isEqualTo(!r.contains("\"route\":\"/open\"")));
        assertThat(requests).as("a requirement that was met is recorded with the database that said so")
                .anySatisfy(r -> assertThat(r).contains(SE).contains("\"status\":200").contains("\"reason\":\"location-allowed\"")
                        .containsPattern("source located in SE by GeoIP2-Country built 20"));
        assertThat(requests).anySatisfy(r -> assertThat(r).contains(GB).contains("\"status\":403")
                .contains("\"reason\":\"anonymous-network\"").contains("anonymous network [vpn, hosting-provider, public-proxy, residential-proxy, tor-exit-node]")
                .containsPattern("GeoIP2-Anonymous-IP built 20"));
    }

    @Test
    void aReloadServesTheDatabaseFileAsItIsNow() throws Exception {
        Path country = dir.resolve("country.mmdb");
        Files.copy(TestData.path("geoip/GeoIP2-Country-Test.mmdb"), country);
        try (DemoUpstream upstream = DemoUpstream.start()) {
            int port = LoopbackClient.freePort();
            Files.writeString(dir.resolve("portcullis.yaml"), """
                    accounts: [{id: "111111111111", name: edge}]
                    vpcs: [{id: vpc-edge, account: "111111111111", cidrs: [10.20.0.0/16]}]
                    securityGroups:
                      - {id: sg-api, account: "111111111111", vpc: vpc-edge, ingress: [{protocol: tcp, ports: %1$d, from: {cidr: 0.0.0.0/0}}]}
                    geo: {country: country.mmdb}
                    apis:
                      - name: asia
                        account: "111111111111"
                        vpc: vpc-edge
                        listen: "127.0.0.1:%1$d"
                        securityGroups: [sg-api]
                        upstream: "%2$s"
                        proxyProtocol: required
                        trustedProxies: [127.0.0.50/32]
                        routes: [{path: "/**", requires: {countries: [CN]}}]
                    """.formatted(port, upstream.uri()));
            try (Node node = Node.builder(List.of(dir.resolve("portcullis.yaml"))).build().start()) {
                assertThat(via(CN, port, "/x").status()).as("GeoIP2-Country-Test lists 175.16.199.0/24 as CN").isEqualTo(200);
                Path next = dir.resolve("next.mmdb");
                Files.copy(TestData.path("geoip/GeoLite2-Country-Test.mmdb"), next);
                Files.move(next, country, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                assertThat(node.reload().applied()).isTrue();
                assertThat(via(CN, port, "/x").status()).as("GeoLite2-Country-Test does not list it").isEqualTo(403);
                assertThat(new RequestExplainer(node.plan()).explain(CN + "@vpc-edge", "", "asia", "GET", "/x", null,
                        Instant.now()).decision().detail()).contains("no location database answered");
            }
        }
    }

    private static LoopbackClient.Response via(String source, int port, String path) {
        return LoopbackClient.once(LOAD_BALANCER, port, IdentityEndToEndTest.proxyV2(source, ""), "GET", path);
    }

    private static String config(int policyApi, int routesApi, int admin, String upstream) {
        return """
                accounts: [{id: "111111111111", name: edge}]
                vpcs: [{id: vpc-edge, account: "111111111111", cidrs: [10.20.0.0/16]}]
                securityGroups:
                  - id: sg-api
                    account: "111111111111"
                    vpc: vpc-edge
                    ingress:
                      - {protocol: tcp, ports: %1$d, from: {cidr: 0.0.0.0/0}}
                      - {protocol: tcp, ports: %2$d, from: {cidr: 0.0.0.0/0}}
                geo:
                  country: %4$s
                  anonymousIp: %5$s
                audit: {dir: audit, signingKey: audit.key, fsyncInterval: 5ms, checkpointInterval: 1s}
                admin: {listen: "127.0.0.1:%3$d"}
                apis:
                  - name: uk-only
                    account: "111111111111"
                    vpc: vpc-edge
                    listen: "127.0.0.1:%1$d"
                    securityGroups: [sg-api]
                    upstream: "%6$s"
                    proxyProtocol: required
                    trustedProxies: [127.0.0.50/32]
                    resourcePolicy:
                      Version: "2012-10-17"
                      Statement:
                        - {Sid: AllowFromGB, Effect: Allow, Principal: "*", Action: "execute-api:Invoke",
                           Resource: "execute-api:/*", Condition: {StringEquals: {"portcullis:SourceCountry": GB}}}
                  - name: by-route
                    account: "111111111111"
                    vpc: vpc-edge
                    listen: "127.0.0.1:%2$d"
                    securityGroups: [sg-api]
                    upstream: "%6$s"
                    proxyProtocol: required
                    trustedProxies: [127.0.0.50/32]
                    routes:
                      - {path: "/eu/**", requires: {countries: [GB, SE]}}
                      - {path: "/clean/**", requires: {notAnonymous: true}}
                      - {path: "/open"}
                """.formatted(policyApi, routesApi, admin, TestData.path("geoip/GeoIP2-Country-Test.mmdb"),
                TestData.path("geoip/GeoIP2-Anonymous-IP-Test.mmdb"), upstream);
    }
}
