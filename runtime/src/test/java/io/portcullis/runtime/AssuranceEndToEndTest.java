package io.portcullis.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.audit.verify.AuditRecords;
import io.portcullis.runtime.assurance.TruthTable;
import io.portcullis.testing.TestPki;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SaaS case of the seed on loopback: three tenants in one VPC, each with its own API (globex's over TLS). The node's assurance
 * run plays every tenant position (workloads from their own 127.0.10.x addresses, groups through a member, the
 * VPC endpoint through a PROXY v2 header with its TLV from the trusted balancer's address, which acme's
 * {@code aws:SourceVpce} policy then sees) against every API:
 * the matrix passes, probes are recorded as probes and never reach the upstream; then a plan with one rule that
 * lets a workload of acme into globex's API fails on exactly that cell, and the run after the reload raises the
 * alert on a real webhook receiver.
 */
class AssuranceEndToEndTest {

    @TempDir
    Path dir;
    private HttpServer upstream;
    private final AtomicInteger upstreamRequests = new AtomicInteger();
    private HttpServer webhook;
    private final BlockingQueue<String> hooks = new LinkedBlockingQueue<>();
    private final int[] ports = new int[3];
    private Path config;
    private Node node;
    private TestPki.Issued globexCertificate;

    @BeforeEach
    void start() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        upstream.createContext("/", ex -> {
            upstreamRequests.incrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        upstream.start();
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        webhook.createContext("/hook", ex -> {
            hooks.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        webhook.start();
        AuditKeys.writeSigningKey(dir.resolve("audit.key"), AuditKeys.generate());
        Files.write(dir.resolve("probe.key"), "a probe key of more than thirty-two bytes, for tests".getBytes(StandardCharsets.US_ASCII));
        new TestIssuer(dir.resolve("jwks.json"));
        globexCertificate = new TestPki(Files.createDirectories(dir.resolve("pki"))).server();
        for (int i = 0; i < ports.length; i++) {
            ports[i] = LoopbackClient.freePort();
        }
        config = dir.resolve("portcullis.yaml");
        Files.writeString(config, configuration(""));
        node = Node.builder(List.of(config)).build().start();
    }

    @AfterEach
    void stop() {
        node.close();
        upstream.stop(0);
        webhook.stop(0);
    }

    /** Three tenants by tag; {@code extraGlobexRule} is appended to the ingress of globex's API group. */
    private String configuration(String extraGlobexRule) {
        return """
                accounts: [{id: "111111111111", name: saas}]
                vpcs: [{id: vpc-saas, account: "111111111111", cidrs: [127.0.10.0/24]}]
                vpcEndpoints:
                  - {id: vpce-acme, vpc: vpc-saas, tags: {tenant: acme}}
                securityGroups:
                  - {id: sg-api-acme, account: "111111111111", vpc: vpc-saas, ingress: [{protocol: tcp, ports: %1$d, from: {group: sg-acme}},
                     {protocol: tcp, ports: %1$d, from: {cidr: 127.0.10.254/32}}]}
                  - {id: sg-api-globex, account: "111111111111", vpc: vpc-saas, ingress: [{protocol: tcp, ports: %2$d, from: {group: sg-globex}}%4$s]}
                  - {id: sg-api-initech, account: "111111111111", vpc: vpc-saas, ingress: [{protocol: tcp, ports: %3$d, from: {group: sg-initech}}]}
                  - {id: sg-acme, account: "111111111111", vpc: vpc-saas, tags: {tenant: acme}}
                  - {id: sg-globex, account: "111111111111", vpc: vpc-saas, tags: {tenant: globex}}
                  - {id: sg-initech, account: "111111111111", vpc: vpc-saas, tags: {tenant: initech}}
                workloads:
                  - {id: acme-1, account: "111111111111", vpc: vpc-saas, addresses: [127.0.10.11], groups: [sg-acme], labels: {tenant: acme}}
                  - {id: acme-2, account: "111111111111", vpc: vpc-saas, addresses: [127.0.10.12], groups: [sg-acme], labels: {tenant: acme}}
                  - {id: globex-1, account: "111111111111", vpc: vpc-saas, addresses: [127.0.10.21], groups: [sg-globex], labels: {tenant: globex}}
                  - {id: initech-1, account: "111111111111", vpc: vpc-saas, addresses: [127.0.10.31], groups: [sg-initech], labels: {tenant: initech}}
                apis:
                  - name: acme
                    account: "111111111111"
                    vpc: vpc-saas
                    listen: "127.0.0.1:%1$d"
                    securityGroups: [sg-api-acme]
                    upstream: "%5$s"
                    tags: {tenant: acme}
                    proxyProtocol: optional
                    trustedProxies: [127.0.0.50/32]
                    resourcePolicy:
                      Version: "2012-10-17"
                      Statement:
                        - {Sid: OnlyThroughTheEndpoint, Effect: Deny, Principal: "*", Action: "execute-api:Invoke",
                           Resource: "execute-api:/*", Condition: {StringNotEquals: {"aws:SourceVpce": vpce-acme}}}
                        - {Sid: AllowRest, Effect: Allow, Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*"}
                  - name: globex
                    account: "111111111111"
                    vpc: vpc-saas
                    listen: "127.0.0.1:%2$d"
                    securityGroups: [sg-api-globex]
                    upstream: "%5$s"
                    tags: {tenant: globex}
                    proxyProtocol: optional
                    trustedProxies: [127.0.0.50/32]
                    tls: {cert: "%7$s", key: "%8$s"}
                    auth:
                      jwt: {issuer: "https://idp.test", audiences: [globex], algorithms: [ES256], jwks: jwks.json}
                  - {name: initech, account: "111111111111", vpc: vpc-saas, listen: "127.0.0.1:%3$d", securityGroups: [sg-api-initech],
                     upstream: "%5$s", tags: {tenant: initech}, proxyProtocol: optional, trustedProxies: [127.0.0.50/32]}
                autoBlock: {key: address, failures: 1, window: 10m, cooldown: 10m}
                audit: {dir: audit, signingKey: audit.key, fsyncInterval: 5ms}
                alerts:
                  webhook: {url: "http://127.0.0.1:%6$d/hook", attempts: 3, initialBackoff: 100ms}
                assurance: {probeKey: probe.key, afterReload: true}
                """.formatted(ports[0], ports[1], ports[2], extraGlobexRule, "http://127.0.0.1:" + upstream.getAddress().getPort(),
                webhook.getAddress().getPort(), globexCertificate.certFile(), globexCertificate.keyFile());
    }

    @Test
    void theMatrixPassesAndProbesNeverReachTheUpstream() throws Exception {
        TruthTable table = node.assurance().runNow();

        assertThat(table.passed()).as(table.render()).isTrue();
        assertThat(table.rows()).hasSize(8 * 3); // 4 workloads, 3 groups, 1 endpoint; 3 APIs
        assertThat(table.count(TruthTable.Verdict.NOT_PLAYED)).isZero();
        // acme's API admits only callers through its endpoint (aws:SourceVpce): its workloads get in at the network
        // and are refused by the policy; the endpoint's caller, played through PROXY v2 with the TLV, is admitted
        assertThat(row(table, "workload:acme-1", "acme").observed().status()).isEqualTo(403);
        assertThat(row(table, "endpoint:vpce-acme", "acme").observed().status()).isEqualTo(204);
        assertThat(row(table, "workload:initech-1", "initech").observed().status()).isEqualTo(204);
        assertThat(row(table, "workload:acme-1", "globex").observed().networkAdmitted()).isFalse();
        // globex serves TLS (the probe speaks it, trusting the configured certificate) and wants a token: the network
        // admits its own tenant, identity refuses the probe, and auto-block (one failure blocks) does not count it, or
        // the group's probe from the same address would have been closed
        assertThat(row(table, "workload:globex-1", "globex").observed().status()).isEqualTo(401);
        assertThat(row(table, "group:111111111111/sg-globex", "globex").observed().status()).isEqualTo(401);
        assertThat(row(table, "endpoint:vpce-acme", "globex").observed().networkAdmitted()).isFalse();
        assertThat(upstreamRequests.get()).isZero();
        assertThat(LoopbackClient.once("127.0.10.31", ports[2], "/.well-known/portcullis-probe"))
                .as("the reserved path without a token").isEqualTo(404);
        assertThat(upstreamRequests.get()).isZero();
        assertThat(LoopbackClient.once("127.0.10.31", ports[2], "/orders")).isEqualTo(200);
        assertThat(upstreamRequests.get()).isEqualTo(1);

        node.close();
        List<String> records = new ArrayList<>();
        AuditRecords.forEach(dir.resolve("audit"), (i, payload) -> records.add(new String(payload, StandardCharsets.UTF_8)));
        assertThat(records).anySatisfy(r -> assertThat(r).contains("\"kind\":\"probe\"").contains("\"workload\":\"initech-1\"")
                .contains("\"status\":204"));
        assertThat(records).anySatisfy(r -> assertThat(r).contains("\"kind\":\"probe\"").contains("\"vpcEndpoint\":\"vpce-acme\"")
                .contains("\"status\":204"));
        assertThat(records).anySatisfy(r -> assertThat(r).contains("\"kind\":\"assurance\"").contains("\"verdict\":\"allow\"")
                .contains("24 cells: 24 pass"));
        assertThat(records).noneSatisfy(r -> assertThat(r).contains("\"kind\":\"request\"").contains("portcullis-probe")
                .contains("\"status\":204"));
    }

    @Test
    void aRuleLettingAcmeIntoGlobexFailsOnExactlyThatCellAndAlerts() throws Exception {
        Files.writeString(config, configuration(", {protocol: tcp, ports: %d, from: {cidr: 127.0.10.12/32}}".formatted(ports[1])));
        assertThat(node.reload().applied()).isTrue();

        String alert = awaitHook(Duration.ofSeconds(30));
        assertThat(alert).contains("\"type\":\"assurance\"").contains("workload:acme-2 -> globex")
                .contains("FAIL cross-tenant success").contains("sg-api-globex ingress[1]");
        TruthTable table = node.assurance().last();
        assertThat(table.failures()).as(table.render()).singleElement().satisfies(r -> {
            assertThat(r.cell().position().label()).isEqualTo("workload:acme-2");
            assertThat(r.cell().api().api()).isEqualTo("globex");
            assertThat(r.verdict()).isEqualTo(TruthTable.Verdict.CROSS_TENANT);
        });
        assertThat(node.registry().scrape()).contains("portcullis_assurance_last_run_failed_cells 1.0");
    }

    private static TruthTable.Row row(TruthTable table, String position, String api) {
        return table.rows().stream().filter(r -> r.cell().position().label().equals(position) && r.cell().api().api().equals(api))
                .findFirst().orElseThrow();
    }

    private String awaitHook(Duration limit) throws InterruptedException {
        String h = hooks.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(h).as("an alert on the webhook").isNotNull();
        return h;
    }
}
