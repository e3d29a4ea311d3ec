package io.portcullis.cli.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.portcullis.cli.CliRun;
import io.portcullis.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code explain} and {@code validate}'s auth checks, on a configuration and tokens made at test time. */
class ExplainCommandTest {

    @TempDir
    Path dir;
    private ECKey key;
    private String config;

    @BeforeEach
    void write() throws Exception {
        key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        Files.writeString(dir.resolve("jwks.json"), new JWKSet(key.toPublicJWK()).toString());
        Files.writeString(dir.resolve("c.yaml"), """
                accounts: [{id: "111111111111", name: trading}]
                vpcs: [{id: vpc-t, account: "111111111111", cidrs: [10.1.0.0/16]}]
                vpcEndpoints: [{id: vpce-good, vpc: vpc-t}, {id: vpce-other, vpc: vpc-t}]
                securityGroups:
                  - {id: sg-api, account: "111111111111", vpc: vpc-t, ingress: [{protocol: tcp, ports: 8443, from: {group: sg-c}}]}
                  - {id: sg-c, account: "111111111111", vpc: vpc-t}
                workloads:
                  - {id: trader-1, account: "111111111111", vpc: vpc-t, addresses: [10.1.0.11], groups: [sg-c]}
                  - {id: risk-1, account: "111111111111", vpc: vpc-t, addresses: [10.1.0.12], groups: [sg-c]}
                apis:
                  - name: orders
                    account: "111111111111"
                    vpc: vpc-t
                    listen: "0.0.0.0:8443"
                    upstream: "http://10.1.9.9:8080"
                    securityGroups: [sg-api]
                    routes: [{path: "/orders/**", methods: [GET]}]
                    auth:
                      jwt: {issuer: "https://idp.test", audiences: [orders], algorithms: [ES256], jwks: jwks.json}
                      bind: {workloadClaim: sub}
                      principal: "arn:aws:iam::{account}:role/{sub}"
                    resourcePolicy:
                      Version: "2012-10-17"
                      Statement:
                        - {Sid: DenyOutsideEndpoint, Effect: Deny, Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*",
                           Condition: {StringNotEquals: {"aws:SourceVpce": vpce-good}}}
                        - {Sid: Allow, Effect: Allow, Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*"}
                """);
        config = dir.resolve("c.yaml").toString();
    }

    @Test
    void eachLayerCanDecideAndSaysWhy() throws Exception {
        Path token = dir.resolve("trader.jwt");
        Files.writeString(token, token("trader-1"));
        CliRun allowed = CliRun.of("explain", "--config", config, "--from", "workload:trader-1", "--to", "orders",
                "--request", "GET /orders/42", "--token", token.toString(), "--via", "vpce-good");
        assertThat(allowed.code()).as(allowed.err()).isEqualTo(ExitCodes.OK);
        assertThat(allowed.out()).startsWith("ALLOW  GET /orders/42 from workload:trader-1 to orders via vpce-good")
                .contains("decided by the policy layer: allow at policy[0] Statement[1] (Sid Allow)")
                .contains("principal: arn:aws:iam::111111111111:role/trader-1")
                .doesNotContain(Files.readString(token));

        CliRun stolen = CliRun.of("explain", "--config", config, "--from", "workload:risk-1", "--to", "orders",
                "--request", "GET /orders/42", "--token", token.toString(), "--via", "vpce-good");
        assertThat(stolen.code()).isEqualTo(ExitCodes.DENIED);
        assertThat(stolen.out()).contains("decided by the identity layer: claims-network-mismatch at auth.bind.workloadClaim");

        CliRun otherEndpoint = CliRun.of("explain", "--config", config, "--from", "workload:trader-1", "--to", "orders",
                "--request", "GET /orders/42", "--token", token.toString(), "--via", "vpce-other");
        assertThat(otherEndpoint.out()).contains("decided by the policy layer: explicit-deny");

        CliRun noRoute = CliRun.of("explain", "--config", config, "--from", "workload:trader-1", "--to", "orders",
                "--request", "DELETE /orders/42", "--format", "json");
        assertThat(noRoute.out()).contains("\"decision\":\"DENY\"").contains("\"reason\":\"method-not-allowed\"");

        CliRun dotSegments = CliRun.of("explain", "--config", config, "--from", "workload:trader-1", "--to", "orders",
                "--request", "GET /orders/../../admin", "--token", token.toString(), "--via", "vpce-good");
        assertThat(dotSegments.code()).isEqualTo(ExitCodes.DENIED);
        assertThat(dotSegments.out()).as("read as the gateway reads it, which answers 400")
                .contains("decided by the protocol layer: bad-request at target")
                .contains("climbs above the root");

        CliRun encoded = CliRun.of("explain", "--config", config, "--from", "workload:trader-1", "--to", "orders",
                "--request", "GET /%6frders/./42", "--token", token.toString(), "--via", "vpce-good");
        assertThat(encoded.code()).as("normalized to /orders/42, as the gateway does: " + encoded.out())
                .isEqualTo(ExitCodes.OK);

        CliRun withQuery = CliRun.of("explain", "--config", config, "--from", "workload:trader-1", "--to", "orders",
                "--request", "GET /orders/42?x=1", "--token", token.toString(), "--via", "vpce-good");
        assertThat(withQuery.code()).as(withQuery.out()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void validateWarnsAboutAnApiOpenToEveryEndpointAndRejectsABadPolicy() throws Exception {
        Path open = dir.resolve("open.yaml");
        String text = Files.readString(dir.resolve("c.yaml"));
        Files.writeString(open, text.substring(0, text.indexOf("    resourcePolicy:")));
        CliRun warned = CliRun.of("validate", open.toString());
        assertThat(warned.code()).as(warned.err()).isEqualTo(ExitCodes.OK);
        assertThat(warned.err()).contains("warning: " + open + ":11:5: apis[0](orders).resourcePolicy: missing: orders "
                + "admits every caller its "
                + "security groups let in, from any VPC endpoint");

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, text.replace("StringNotEquals", "StringNotEqualz"));
        CliRun invalid = CliRun.of("validate", bad.toString());
        assertThat(invalid.code()).isEqualTo(ExitCodes.INVALID);
        assertThat(invalid.err()).contains("error: " + bad + ":")
                .contains(": apis[0](orders).resourcePolicy.Statement[0].Condition.StringNotEqualz: unknown condition operator");
    }

    @Test
    void atMovesEveryLayersClockIncludingTheTokensLifetime() throws Exception {
        Path token = dir.resolve("trader.jwt");
        Files.writeString(token, token("trader-1"));
        String[] request = {"explain", "--config", config, "--from", "workload:trader-1", "--to", "orders",
                "--request", "GET /orders/42", "--token", token.toString(), "--via", "vpce-good"};
        CliRun now = CliRun.of(request);
        assertThat(now.code()).as(now.out() + now.err()).isEqualTo(ExitCodes.OK);
        assertThat(now.out()).contains("the client gets: the upstream's response (the request is forwarded)");

        String nextMonth = Instant.now().plusSeconds(30L * 24 * 3600).toString();
        CliRun later = CliRun.of(concat(request, "--at", nextMonth));
        assertThat(later.code()).as(later.out()).isEqualTo(ExitCodes.DENIED);
        assertThat(later.out()).contains("decided by the identity layer: expired").contains("the client gets: HTTP 401");

        String lastYear = Instant.now().minusSeconds(365L * 24 * 3600).toString();
        CliRun earlier = CliRun.of(concat(request, "--at", lastYear, "--format", "json"));
        assertThat(earlier.out()).as("issued in the future as seen from last year").contains("\"status\":401")
                .contains("\"layer\":\"IDENTITY\"");
    }

    @Test
    void certPresentsAClientCertificateVerifiedAsTheListenerWould() throws Exception {
        io.portcullis.testing.TestPki pki = new io.portcullis.testing.TestPki(dir.resolve("pki"));
        io.portcullis.testing.TestPki.Issued server = pki.server();
        io.portcullis.testing.TestPki.Issued client = pki.clientWithUri("trader-1", "spiffe://trading/trader-1");
        io.portcullis.testing.TestPki stranger = new io.portcullis.testing.TestPki(dir.resolve("other-pki"));
        io.portcullis.testing.TestPki.Issued forged = stranger.clientWithUri("trader-1", "spiffe://trading/trader-1");
        Files.writeString(dir.resolve("c.yaml"), Files.readString(dir.resolve("c.yaml")).replace(
                "    upstream: \"http://10.1.9.9:8080\"\n",
                "    upstream: \"http://10.1.9.9:8080\"\n    tls: {cert: " + server.certFile() + ", key: " + server.keyFile()
                        + ", clientCa: " + pki.caFile() + ", clientAuth: optional}\n"));
        String[] request = {"explain", "--config", config, "--from", "workload:trader-1", "--to", "orders",
                "--request", "GET /orders/42", "--via", "vpce-good"};

        CliRun trusted = CliRun.of(concat(request, "--cert", client.certFile().toString()));
        assertThat(trusted.out()).as(trusted.err()).contains("certificate-verified")
                .contains("spiffe://trading/trader-1");

        CliRun untrusted = CliRun.of(concat(request, "--cert", forged.certFile().toString()));
        assertThat(untrusted.code()).as(untrusted.out() + untrusted.err()).isEqualTo(ExitCodes.DENIED);
        assertThat(untrusted.out()).contains("decided by the identity layer: tls-handshake-failed")
                .contains("the client gets: the connection closed before any HTTP is read");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private String token(String sub) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").build(),
                new JWTClaimsSet.Builder().issuer("https://idp.test").audience("orders").subject(sub).claim("account", "111111111111")
                        .claim("groups", List.of("sg-c")).issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
