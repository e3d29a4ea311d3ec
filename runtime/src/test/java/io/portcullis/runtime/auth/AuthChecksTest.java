package io.portcullis.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code validate} reports of an API's resource policy: parse errors at their configuration path, and a
 * warning when no statement conditions on the caller's VPC or VPC endpoint.
 */
class AuthChecksTest {

    @TempDir
    Path dir;

    private AuthChecks.Findings check(String policy) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, """
                accounts: [{id: "111111111111", name: a}]
                vpcs: [{id: vpc-a, account: "111111111111", cidrs: [10.1.0.0/16]}]
                securityGroups: [{id: sg-api, account: "111111111111", vpc: vpc-a}]
                apis:
                  - name: orders
                    account: "111111111111"
                    vpc: vpc-a
                    listen: "0.0.0.0:443"
                    securityGroups: [sg-api]
                """ + policy);
        PortcullisConfig config = ConfigLoader.create().load(file).config().orElseThrow();
        return AuthChecks.check(config);
    }

    @Test
    void warnsWhenThePolicyIsMissing() throws Exception {
        AuthChecks.Findings findings = check("");
        assertThat(findings.errors()).isEmpty();
        assertThat(findings.warnings()).singleElement().asString()
                .startsWith("apis[0].resourcePolicy: missing: orders admits every caller");
    }

    @Test
    void warnsWhenNoStatementConditionsOnTheSource() throws Exception {
        AuthChecks.Findings findings = check("""
                    resourcePolicy:
                      Version: "2012-10-17"
                      Statement:
                        - {Effect: Allow, Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*",
                           Condition: {IpAddress: {"aws:SourceIp": "10.1.0.0/16"}}}
                """);
        assertThat(findings.errors()).isEmpty();
        assertThat(findings.warnings()).singleElement().asString()
                .startsWith("apis[0].resourcePolicy: no statement conditions on aws:SourceVpc or aws:SourceVpce: orders");
    }

    @Test
    void acceptsADenyOutsideTheEndpointWithTheKeyInAnyCase() throws Exception {
        AuthChecks.Findings findings = check("""
                    resourcePolicy:
                      Version: "2012-10-17"
                      Statement:
                        - {Effect: Allow, Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*"}
                        - {Effect: Deny, Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*",
                           Condition: {StringNotEquals: {"AWS:SOURCEVPCE": "vpce-0123456789abcdef0"}}}
                """);
        assertThat(findings.errors()).isEmpty();
        assertThat(findings.warnings()).isEmpty();
    }

    @Test
    void reportsAnInvalidPolicyAtItsPathAndNoWarning() throws Exception {
        AuthChecks.Findings findings = check("""
                    resourcePolicy:
                      Version: "2012-10-17"
                      Statement:
                        - {Effect: Allow, Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*",
                           Condition: {StringEqualz: {"aws:SourceVpc": "vpc-a"}}}
                """);
        assertThat(findings.errors()).isNotEmpty().allSatisfy(e -> assertThat(e).startsWith("apis[0].resourcePolicy: "));
        assertThat(findings.errors()).anySatisfy(e -> assertThat(e).contains("StringEqualz"));
        assertThat(findings.warnings()).isEmpty();
    }
}
