package io.portcullis.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import io.portcullis.runtime.demo.DemoUpstream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trading case of the seed, end to end on loopback: a token is honoured only from the network position it
 * was issued for, the right network without a token is not enough, failures look alike, repeated failures block
 * the source, and a deny-unless-SourceVpce policy admits only callers that came through that endpoint.
 */
class IdentityEndToEndTest {

    private static final String TRADER = "127.0.1.11";
    private static final String RISK = "127.0.1.12";
    private static final String PROBER = "127.0.1.13";
    private static final String LOAD_BALANCER = "127.0.0.50";

    @TempDir
    Path dir;
    private TestIssuer issuer;
    private DemoUpstream upstream;
    private Node node;
    private int orders;
    private int privateApi;

    @BeforeEach
    void start() throws Exception {
        issuer = new TestIssuer(dir.resolve("jwks.json"));
        upstream = DemoUpstream.start();
        orders = LoopbackClient.freePort();
        privateApi = LoopbackClient.freePort();
        Files.writeString(dir.resolve("portcullis.yaml"), """
                accounts: [{id: "111111111111", name: trading}]
                vpcs: [{id: vpc-trading, account: "111111111111", cidrs: [127.0.1.0/24]}]
                vpcEndpoints:
                  - {id: vpce-0a1b2c3d, vpc: vpc-trading}
                  - {id: vpce-9f8e7d6c, vpc: vpc-trading}
                securityGroups:
                  - id: sg-api
                    account: "111111111111"
                    vpc: vpc-trading
                    ingress:
                      - {protocol: tcp, ports: %1$d, from: {group: sg-clients}}
                      - {protocol: tcp, ports: %2$d, from: {group: sg-clients}}
                  - {id: sg-clients, account: "111111111111", vpc: vpc-trading, includes: [sg-traders, sg-risk, sg-probe]}
                  - {id: sg-traders, account: "111111111111", vpc: vpc-trading}
                  - {id: sg-risk, account: "111111111111", vpc: vpc-trading}
                  - {id: sg-probe, account: "111111111111", vpc: vpc-trading}
                workloads:
                  - {id: trader-1, account: "111111111111", vpc: vpc-trading, addresses: [127.0.1.11], groups: [sg-traders]}
                  - {id: risk-1, account: "111111111111", vpc: vpc-trading, addresses: [127.0.1.12], groups: [sg-risk]}
                  - {id: probe-1, account: "111111111111", vpc: vpc-trading, addresses: [127.0.1.13], groups: [sg-probe]}
                autoBlock: {key: address, failures: 8, window: 1m, cooldown: 2s}
                apis:
                  - name: orders
                    account: "111111111111"
                    vpc: vpc-trading
                    listen: "127.0.0.1:%1$d"
                    securityGroups: [sg-api]
                    upstream: "%3$s"
                    auth:
                      jwt: {issuer: "https://idp.test", audiences: [orders], algorithms: [ES256], jwks: jwks.json}
                      bind: {groupsClaim: groups, workloadClaim: sub}
                      principal: "arn:aws:iam::{account}:role/{sub}"
                  - name: private
                    account: "111111111111"
                    vpc: vpc-trading
                    listen: "127.0.0.1:%2$d"
                    securityGroups: [sg-api]
                    upstream: "%3$s"
                    proxyProtocol: required
                    trustedProxies: [127.0.0.50/32]
                    resourcePolicy:
                      Version: "2012-10-17"
                      Statement:
                        - {Sid: DenyUnlessThroughEndpoint, Effect: Deny, Principal: "*", Action: "execute-api:Invoke",
                           Resource: "execute-api:/*", Condition: {StringNotEquals: {"aws:SourceVpce": vpce-0a1b2c3d}}}
                        - {Sid: AllowRest, Effect: Allow, Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*"}
                """.formatted(orders, privateApi, upstream.uri()));
        node = Node.builder(List.of(dir.resolve("portcullis.yaml"))).build().start();
    }

    @AfterEach
    void stop() {
        node.close();
        upstream.close();
    }

    @Test
    void aTokenWorksOnlyFromTheNetworkPositionItWasIssuedFor() throws Exception {
        String traderToken = token("trader-1", List.of("sg-traders"), Instant.now().plusSeconds(300), "orders");
        assertThat(call(TRADER, "Authorization: Bearer " + traderToken).status()).isEqualTo(200);
        assertThat(call(RISK, "Authorization: Bearer " + traderToken).status()).as("stolen token, other workload").isEqualTo(403);
        assertThat(call(TRADER).status()).as("right network, no token").isEqualTo(401);
        String wrongGroups = token("trader-1", List.of("sg-risk"), Instant.now().plusSeconds(300), "orders");
        assertThat(call(TRADER, "Authorization: Bearer " + wrongGroups).status()).as("groups claim mismatch").isEqualTo(403);
    }

    @Test
    void everyAuthenticationFailureLooksTheSame() throws Exception {
        String expired = token("trader-1", List.of("sg-traders"), Instant.now().minusSeconds(600), "orders");
        String wrongAudience = token("trader-1", List.of("sg-traders"), Instant.now().plusSeconds(300), "billing");
        String good = token("trader-1", List.of("sg-traders"), Instant.now().plusSeconds(300), "orders");
        String badSignature = good.substring(0, good.lastIndexOf('.') + 1) + "AAAA" + good.substring(good.lastIndexOf('.') + 5);
        List<LoopbackClient.Response> responses = List.of(call(TRADER), call(TRADER, "Authorization: Bearer not.a.jwt"),
                call(TRADER, "Authorization: Bearer " + expired), call(TRADER, "Authorization: Bearer " + wrongAudience),
                call(TRADER, "Authorization: Bearer " + badSignature), call(TRADER, "Authorization: Basic dXNlcjpwYXNz"));
        LoopbackClient.Response first = responses.get(0);
        assertThat(first.status()).isEqualTo(401);
        for (LoopbackClient.Response r : responses) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.stableHeaders()).isEqualTo(first.stableHeaders());
            assertThat(r.body()).isEqualTo(first.body());
        }
        assertThat(first.body()).doesNotContainIgnoringCase("expired").doesNotContainIgnoringCase("audience");
    }

    @Test
    void repeatedFailuresBlockTheSourceUntilTheCooldownEnds() throws Exception {
        for (int i = 0; i < 8; i++) {
            assertThat(call(PROBER, "Authorization: Bearer junk").status()).isEqualTo(401);
        }
        // the 8th failure's request event, and so the block, comes before its 401 is written
        assertThat(call(PROBER).status()).as("blocked at once: closed before HTTP").isEqualTo(-1);
        assertThat(call(TRADER).status()).as("other sources unaffected").isEqualTo(401);
        assertThat(awaitStatus(PROBER, 401, Duration.ofSeconds(20))).as("unblocked after the cooldown").isEqualTo(401);
    }

    /** Calls from {@code from} until the status is {@code wanted} or the time is up; the last status. */
    private int awaitStatus(String from, int wanted, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        int status = call(from).status();
        while (status != wanted && System.nanoTime() < deadline) {
            Thread.sleep(50); // waiting for an asynchronous effect (a block, its expiry), not synchronising threads
            status = call(from).status();
        }
        return status;
    }

    @Test
    void denyUnlessSourceVpceAdmitsOnlyCallersThroughThatEndpoint() {
        assertThat(viaLoadBalancer("vpce-0a1b2c3d").status()).isEqualTo(200);
        assertThat(viaLoadBalancer("vpce-9f8e7d6c").status()).as("another endpoint of the same VPC").isEqualTo(403);
        assertThat(viaLoadBalancer("").status()).as("no endpoint at all").isEqualTo(403);
    }

    private LoopbackClient.Response viaLoadBalancer(String vpce) {
        return LoopbackClient.once(LOAD_BALANCER, privateApi, proxyV2(TRADER, vpce), "GET", "/orders/1");
    }

    private LoopbackClient.Response call(String from, String... headers) {
        return LoopbackClient.once(from, orders, new byte[0], "GET", "/orders/1", headers);
    }

    private String token(String sub, List<String> groups, Instant expires, String audience) throws JOSEException {
        return issuer.token(audience, sub, groups, "111111111111", expires);
    }

    /** A PROXY v2 TCP4 header as an AWS NLB sends it, with the VPC endpoint TLV (0xEA, subtype 0x01) when given. */
    static byte[] proxyV2(String source, String vpce) {
        byte[] id = vpce.getBytes(StandardCharsets.US_ASCII);
        int tlv = vpce.isEmpty() ? 0 : 3 + 1 + id.length;
        ByteBuffer b = ByteBuffer.allocate(16 + 12 + tlv);
        b.put(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A}).put((byte) 0x21).put((byte) 0x11)
                .putShort((short) (12 + tlv));
        try {
            b.put(InetAddress.getByName(source).getAddress()).put(InetAddress.getByName("127.0.0.1").getAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        b.putShort((short) 40000).putShort((short) 443);
        if (!vpce.isEmpty()) {
            b.put((byte) 0xEA).putShort((short) (1 + id.length)).put((byte) 0x01).put(id);
        }
        return b.array();
    }

}
