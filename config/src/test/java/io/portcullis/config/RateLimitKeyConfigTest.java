package io.portcullis.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.settings.RateLimitKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rate limits keyed by who the caller is ({@code principal}, {@code subject}, {@code certificate}) are accepted
 * only on an API that establishes that identity: elsewhere every request would fall back to its source, and a
 * limit that never does what it says is a mistake to report, not to serve.
 */
class RateLimitKeyConfigTest {

    private static final String BASE = """
            accounts: [{id: "111111111111", name: a}]
            vpcs: [{id: vpc-a, account: "111111111111", cidrs: [10.1.0.0/16]}]
            securityGroups: [{id: sg-api, account: "111111111111", vpc: vpc-a}]
            apis:
              - name: api
                account: "111111111111"
                vpc: vpc-a
                listen: "127.0.0.1:8443"
                securityGroups: [sg-api]
                upstream: "http://127.0.0.1:9000"
                tls: {cert: server.pem, key: server.key, clientCa: clients.pem}
                auth:
                  jwt: {issuer: "https://idp.test", audiences: [api], algorithms: [ES256], jwks: jwks.json}
                limits:
                  rateLimits: [{key: KEY, capacity: 10, refillPeriod: 1m}]
                routes:
                  - {path: /orders, limits: {rateLimits: [{key: KEY, capacity: 1, refillPeriod: 1s}]}}
            """;

    private static final String AUTH = "    auth:\n      jwt: {issuer: \"https://idp.test\", audiences: [api], algorithms: [ES256], jwks: jwks.json}\n";
    private static final String MTLS = "tls: {cert: server.pem, key: server.key, clientCa: clients.pem}";

    private static ValidationReport load(String yaml) {
        return ConfigLoader.create().loadString(yaml, "");
    }

    @ParameterizedTest
    @CsvSource({"principal, PRINCIPAL", "subject, SUBJECT", "certificate, CERTIFICATE"})
    void identityKeysLoadWhereTheApiEstablishesTheIdentity(String key, RateLimitKey parsed) {
        ValidationReport r = load(BASE.replace("KEY", key));
        assertThat(r.errors()).isEmpty();
        assertThat(r.config().orElseThrow().apis().get(0).serving().limits().rateLimits().get(0).key()).isEqualTo(parsed);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "principal|tls: {cert: server.pem, key: server.key}|"
                    + "principal, but the API establishes no principal (expected: auth.jwt or tls.clientCa)",
            "subject|tls: {cert: server.pem, key: server.key, clientCa: clients.pem}|"
                    + "subject, but the API verifies no token (expected: auth.jwt)",
            "certificate|tls: {cert: server.pem, key: server.key}|"
                    + "certificate, but the API asks for no client certificate (expected: tls.clientCa)"})
    void anIdentityKeyTheApiCannotFillIsRefusedAtTheKey(String key, String tls, String message) {
        String yaml = BASE.replace("KEY", key).replace(MTLS, tls).replace(AUTH, "");
        assertThat(yaml).doesNotContain("jwt");
        assertThat(load(yaml).errors()).extracting(ConfigValidationTest::brief).containsExactly(
                "apis[0].limits.rateLimits[0].key: " + message,
                "apis[0].routes[0].limits.rateLimits[0].key: " + message);
    }

    @Test
    void aPrincipalKeyNeedsOnlyOneWayToEstablishAPrincipal() {
        String mtlsOnly = BASE.replace("KEY", "principal").replace(AUTH, "");
        assertThat(mtlsOnly).doesNotContain("jwt");
        assertThat(load(mtlsOnly).errors()).isEmpty();
    }
}
