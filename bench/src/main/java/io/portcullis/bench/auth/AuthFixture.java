package io.portcullis.bench.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * A configuration with one API on loopback guarded by JWT (ES256, a JWKS file), claims bound to the source's
 * groups, account and workload, and a 10-statement resource policy of 3 conditions each (9 Denies that fail on
 * their last condition, then an Allow), plus tokens for every outcome.
 */
final class AuthFixture {

    final Path dir;
    final ECKey key;
    final Path config;

    AuthFixture(int port, String upstream, String failureFloor) throws IOException, JOSEException {
        dir = Files.createTempDirectory("portcullis-auth-bench");
        key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        Files.writeString(dir.resolve("jwks.json"), new JWKSet(key.toPublicJWK()).toString());
        StringBuilder statements = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            statements.append("            - {Sid: Deny").append(i).append(", Effect: Deny, Principal: \"*\", Action: \"execute-api:Invoke\", ")
                    .append("Resource: \"execute-api:/*\", Condition: {StringEquals: {\"aws:SourceVpc\": vpc-bench}, ")
                    .append("IpAddress: {\"aws:SourceIp\": 127.0.0.0/8}, \"ForAnyValue:StringLike\": ")
                    .append("{\"portcullis:SourceSecurityGroups\": [\"sg-never-").append(i).append("*\"]}}}\n");
        }
        statements.append("            - {Sid: AllowBench, Effect: Allow, Principal: \"*\", Action: \"execute-api:Invoke\", ")
                .append("Resource: \"execute-api:/*\", Condition: {StringEquals: {\"aws:SourceVpc\": vpc-bench}, ")
                .append("IpAddress: {\"aws:SourceIp\": 127.0.0.0/8}, \"ForAnyValue:StringLike\": {\"portcullis:SourceSecurityGroups\": [\"sg-c*\"]}}}\n");
        config = dir.resolve("bench.yaml");
        Files.writeString(config, """
                accounts: [{id: "111111111111", name: bench}]
                vpcs: [{id: vpc-bench, account: "111111111111", cidrs: [127.0.0.0/8]}]
                securityGroups:
                  - {id: sg-api, account: "111111111111", vpc: vpc-bench, ingress: [{protocol: tcp, ports: %1$d, from: {group: sg-clients}}]}
                  - {id: sg-clients, account: "111111111111", vpc: vpc-bench}
                  - {id: sg-other, account: "111111111111", vpc: vpc-bench}
                workloads:
                  - {id: client-1, account: "111111111111", vpc: vpc-bench, addresses: [127.0.0.1], groups: [sg-clients]}
                  - {id: client-2, account: "111111111111", vpc: vpc-bench, addresses: [127.0.3.2], groups: [sg-clients]}
                apis:
                  - name: bench
                    account: "111111111111"
                    vpc: vpc-bench
                    listen: "127.0.0.1:%1$d"
                    securityGroups: [sg-api]
                    upstream: "%2$s"
                    limits: {rateLimits: [{key: workload, capacity: 100000000, refillTokens: 100000000, refillPeriod: 1s}]}
                    auth:
                      jwt: {issuer: "https://idp.bench", audiences: [bench], algorithms: [ES256], jwks: jwks.json}
                      bind: {groupsClaim: groups, accountClaim: account, workloadClaim: sub}
                      principal: "arn:aws:iam::{account}:role/{sub}"
                      failureFloor: %3$s
                    resourcePolicy:
                      Version: "2012-10-17"
                      Statement:
                %4$s""".formatted(port, upstream, failureFloor, statements));
    }

    String token(String sub, List<String> groups, Instant expires, String audience) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").build(),
                new JWTClaimsSet.Builder().issuer("https://idp.bench").audience(audience).subject(sub)
                        .claim("groups", groups).claim("account", "111111111111")
                        .issueTime(Date.from(expires.minusSeconds(3600))).expirationTime(Date.from(expires)).build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
