package io.portcullis.runtime.auth;

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
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.decision.Source;
import io.portcullis.gateway.auth.Authorization;
import io.portcullis.gateway.auth.RequestFacts;
import io.portcullis.gateway.tls.ClientIdentity;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The authorizer's decisions that the end-to-end tests do not reach: a client certificate as the principal, API
 * Gateway's same-account and cross-account tables with a JWT authorizer, route windows, and the statement that
 * decided. Real verifier, real compiled policy; only the request is built directly instead of arriving on a socket.
 */
class ApiAuthorizerTest {

    private static final Instant MONDAY_NOON = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant SUNDAY_NOON = Instant.parse("2026-11-22T12:00:00Z");

    @TempDir
    Path dir;
    private ECKey key;
    private Authorizers authorizers;
    private ApiAuthorizer authorizer;

    @BeforeEach
    void build() throws Exception {
        key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        Files.writeString(dir.resolve("jwks.json"), new JWKSet(key.toPublicJWK()).toString());
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, """
                accounts: [{id: "111111111111", name: a}, {id: "222222222222", name: b}]
                vpcs: [{id: vpc-a, account: "111111111111", cidrs: [10.1.0.0/16]}]
                securityGroups:
                  - {id: sg-api, account: "111111111111", vpc: vpc-a, ingress: [{protocol: tcp, ports: 443, from: {group: sg-c}}]}
                  - {id: sg-c, account: "111111111111", vpc: vpc-a}
                workloads: [{id: w1, account: "111111111111", vpc: vpc-a, addresses: [10.1.0.5], groups: [sg-c]}]
                apis:
                  - name: orders
                    account: "111111111111"
                    vpc: vpc-a
                    listen: "0.0.0.0:443"
                    securityGroups: [sg-api]
                    routes:
                      - {path: "/trading/**", requires: {window: {days: [mon, tue, wed, thu, fri], from: "07:00", to: "19:00", zone: Europe/London}}}
                      - {path: "/**"}
                    auth:
                      jwt: {issuer: "https://idp.test", audiences: [orders], algorithms: [ES256], jwks: jwks.json}
                      principal: "arn:aws:iam::{account}:role/{sub}"
                    resourcePolicy:
                      Version: "2012-10-17"
                      Statement:
                        - {Sid: NoAdmin, Effect: Deny, Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*/DELETE/*"}
                        - {Sid: CertWorkloads, Effect: Allow, Principal: {AWS: "arn:aws:iam::111111111111:role/w1.internal"},
                           Action: "execute-api:Invoke", Resource: "execute-api:/*"}
                """);
        PortcullisConfig config = ConfigLoader.create().load(file).config().orElseThrow();
        authorizers = new Authorizers();
        var verifiers = new HashMap<io.portcullis.config.api.JwtConfig, io.portcullis.identity.jwt.JwtVerifier>();
        List<String> problems = new ArrayList<>();
        authorizer = authorizers.build(config.apis().get(0), 0, verifiers, problems);
        assertThat(problems).isEmpty();
        authorizers.retire(verifiers);
    }

    @AfterEach
    void close() {
        authorizers.close();
    }

    @Test
    void aVerifiedCertificateIsThePrincipalWhenThereIsNoToken() throws Exception {
        Authorization a = authorizer.authorize(facts("GET", "/orders/1", null, new ClientIdentity(List.of(), List.of("w1.internal"), "CN=w1"), MONDAY_NOON));
        assertThat(a.allowed()).as(a.toString()).isTrue();
        assertThat(a.principal()).isEqualTo("arn:aws:iam::111111111111:role/w1.internal");
        assertThat(a.decision().decidedBy()).contains("CertWorkloads");
        Authorization none = authorizer.authorize(facts("GET", "/orders/1", null, null, MONDAY_NOON));
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.decision().reason().code()).isEqualTo("token-missing");
    }

    @Test
    void sameAccountTokenIsAllowedWhenThePolicySaysNeitherCrossAccountIsNot() throws Exception {
        Authorization same = authorizer.authorize(facts("GET", "/orders/1", token("alice", "111111111111"), null, MONDAY_NOON));
        assertThat(same.allowed()).isTrue();
        assertThat(same.decision().reason().code()).isEqualTo("authorizer-allow");
        Authorization cross = authorizer.authorize(facts("GET", "/orders/1", token("bob", "222222222222"), null, MONDAY_NOON));
        assertThat(cross.status()).isEqualTo(403);
        assertThat(cross.decision().reason().code()).isEqualTo("cross-account-implicit-deny");
        assertThat(cross.principal()).isEqualTo("arn:aws:iam::222222222222:role/bob");
    }

    @Test
    void anExplicitDenyWinsAndNamesItsStatement() throws Exception {
        Authorization denied = authorizer.authorize(facts("DELETE", "/orders/1", token("alice", "111111111111"), null, MONDAY_NOON));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.decision().reason().code()).isEqualTo("explicit-deny");
        assertThat(denied.decision().decidedBy()).contains("NoAdmin");
    }

    @Test
    void aRouteWindowClosesOnWeekends() throws Exception {
        assertThat(authorizer.authorize(facts("GET", "/trading/x", token("alice", "111111111111"), null, MONDAY_NOON)).allowed()).isTrue();
        Authorization weekend = authorizer.authorize(facts("GET", "/trading/x", token("alice", "111111111111"), null, SUNDAY_NOON));
        assertThat(weekend.decision().reason().code()).isEqualTo("outside-route-window");
    }

    @Test
    void aClaimThatWouldForgeAnotherArnLeavesThePrincipalUnresolved() throws Exception {
        Authorization a = authorizer.authorize(facts("GET", "/orders/1", token("x:role/admin", "111111111111"), null, MONDAY_NOON));
        assertThat(a.status()).isEqualTo(403);
        assertThat(a.decision().reason().code()).isEqualTo("principal-unresolved");
    }

    @Test
    void aSpiffeCertificateFillsARolePathAndItsTrustDomain() throws Exception {
        List<ApiAuthorizer> built = authorizersFor("""
                  - name: mesh
                    account: "111111111111"
                    vpc: vpc-a
                    listen: "0.0.0.0:443"
                    securityGroups: [sg-api]
                    auth: {principal: "arn:aws:iam::{account}:role/{spiffe.trustDomain}/{spiffe.path}"}
                  - name: plain
                    account: "111111111111"
                    vpc: vpc-a
                    listen: "0.0.0.0:444"
                    securityGroups: [sg-api]
                    auth: {principal: "arn:aws:iam::{account}:role/{sub}"}
                  - name: named
                    account: "111111111111"
                    vpc: vpc-a
                    listen: "0.0.0.0:445"
                    securityGroups: [sg-api]
                    auth: {principal: "arn:aws:iam::{account}:role/{workload}"}
                """);
        ApiAuthorizer mesh = built.get(0);
        ApiAuthorizer plain = built.get(1);
        ApiAuthorizer named = built.get(2);
        ClientIdentity spiffe = new ClientIdentity(List.of("spiffe://corp.example/ns/prod/sa/w1"), List.of(), "CN=w1");
        assertThat(mesh.authorize(facts("GET", "/x", null, spiffe, MONDAY_NOON)).principal())
                .isEqualTo("arn:aws:iam::111111111111:role/corp.example/ns/prod/sa/w1");
        assertThat(named.authorize(facts("GET", "/x", null, spiffe, MONDAY_NOON)).principal())
                .isEqualTo("arn:aws:iam::111111111111:role/w1");
        Authorization raw = plain.authorize(facts("GET", "/x", null, spiffe, MONDAY_NOON));
        assertThat(raw.decision().reason().code()).as("a URI's ':' could forge another ARN").isEqualTo("principal-unresolved");
        ClientIdentity dns = new ClientIdentity(List.of(), List.of("w1.internal"), "CN=w1");
        assertThat(mesh.authorize(facts("GET", "/x", null, dns, MONDAY_NOON)).decision().reason().code())
                .as("no SPIFFE id to fill it from").isEqualTo("principal-unresolved");
    }

    @Test
    void onlyAnApiWithNothingToCheckOrReportIsLeftToTheGatewaysNoOp() throws Exception {
        assertThat(authorizer.decidesNothing(false)).isFalse();
        List<ApiAuthorizer> built = authorizersFor("""
                  - {name: bare, account: "111111111111", vpc: vpc-a, listen: "0.0.0.0:443", securityGroups: [sg-api]}
                  - {name: windowed, account: "111111111111", vpc: vpc-a, listen: "0.0.0.0:444", securityGroups: [sg-api],
                     routes: [{path: "/**", requires: {window: {from: "07:00", to: "19:00", zone: UTC}}}]}
                """);
        ApiAuthorizer bare = built.get(0);
        ApiAuthorizer windowed = built.get(1);
        assertThat(bare.decidesNothing(false)).isTrue();
        assertThat(bare.authorize(facts("GET", "/x", null, null, MONDAY_NOON))).isSameAs(Authorization.NOT_REQUIRED);
        assertThat(bare.decidesNothing(true)).as("a client certificate's identity is reported").isFalse();
        assertThat(windowed.decidesNothing(false)).isFalse();
    }

    /** Authorizers for the APIs listed (YAML items of {@code apis}) in one account, VPC and group. */
    private List<ApiAuthorizer> authorizersFor(String apis) throws Exception {
        PortcullisConfig config = OneVpcConfig.withApis(dir, apis);
        List<String> problems = new ArrayList<>();
        List<ApiAuthorizer> built = new ArrayList<>();
        for (int i = 0; i < config.apis().size(); i++) {
            built.add(authorizers.build(config.apis().get(i), i, new HashMap<>(), problems));
        }
        assertThat(problems).isEmpty();
        return built;
    }

    private RequestFacts facts(String method, String path, String token, ClientIdentity cert, Instant at) throws Exception {
        HttpHeaders headers = new DefaultHttpHeaders();
        if (token != null) {
            headers.set("Authorization", "Bearer " + token);
        }
        String route = path.startsWith("/trading/") ? "/trading/**" : "/**";
        Source source = new Source("vpc-a", "", InetAddress.getByName("10.1.0.5"), "w1", "111111111111", List.of("111111111111/sg-c"));
        return new RequestFacts("r1", "orders", route, method, path, headers, source, cert, true, "HTTP/1.1", at);
    }

    /** A token valid over the requests' times (the weekend and Monday of the tests) and until shortly from now. */
    private String token(String sub, String account) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").build(),
                new JWTClaimsSet.Builder().issuer("https://idp.test").audience("orders").subject(sub).claim("account", account)
                        .issueTime(Date.from(SUNDAY_NOON.minusSeconds(3600)))
                        .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
