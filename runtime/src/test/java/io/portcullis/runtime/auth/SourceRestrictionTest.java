package io.portcullis.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@code validate} reports of an API's resource policy: parse errors at their configuration path, and a
 * warning when no statement conditions on the caller's VPC or VPC endpoint.
 */
class SourceRestrictionTest {

    private static final String API = """
              - name: orders
                account: "111111111111"
                vpc: vpc-a
                listen: "0.0.0.0:443"
                securityGroups: [sg-api]
            """;
    private static final String POLICY = """
                resourcePolicy:
                  Version: "2012-10-17"
                  Statement:
            """;
    private static final String ALLOW_ALL = """
                    - {Effect: Allow, Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*"}
            """;

    @TempDir
    Path dir;

    /** What building the API's authorizer reports. */
    private record Findings(java.util.List<String> errors, java.util.List<String> warnings) {}

    private Findings check(String policy) throws Exception {
        var config = OneVpcConfig.withApis(dir, API + policy);
        java.util.List<String> errors = new java.util.ArrayList<>();
        java.util.List<String> warnings = new java.util.ArrayList<>();
        try (Authorizers authorizers = new Authorizers()) {
            authorizers.build(config.apis().get(0), 0, new java.util.HashMap<>(),
                    io.portcullis.identity.binding.CertificateBinding.NONE, errors, warnings);
        }
        return new Findings(errors, warnings);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no policy | missing: orders admits every caller",
            "a policy on the source address only | no statement conditions on aws:SourceVpc or aws:SourceVpce: orders admits",
    })
    void warnsWhenNothingRestrictsTheSourceVpcOrEndpoint(String policyKind, String warning) throws Exception {
        String policy = policyKind.equals("no policy") ? "" : POLICY + """
                    - {Effect: Allow, Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*",
                       Condition: {IpAddress: {"aws:SourceIp": "10.1.0.0/16"}}}
            """;
        Findings findings = check(policy);
        assertThat(findings.errors()).isEmpty();
        assertThat(findings.warnings()).singleElement().asString().startsWith("apis[0].resourcePolicy: " + warning);
    }

    @Test
    void acceptsADenyOutsideTheEndpointWithTheKeyInAnyCase() throws Exception {
        Findings findings = check(POLICY + ALLOW_ALL + """
                    - {Effect: Deny, Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*",
                       Condition: {StringNotEquals: {"AWS:SOURCEVPCE": "vpce-0123456789abcdef0"}}}
            """);
        assertThat(findings.errors()).isEmpty();
        assertThat(findings.warnings()).isEmpty();
    }

    @Test
    void reportsAnInvalidPolicyAtItsPathAndNoWarning() throws Exception {
        Findings findings = check(POLICY + ALLOW_ALL + """
                    - {Effect: Deny, Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*",
                       Condition: {StringNotEqualz: {"aws:SourceVpc": "vpc-a"}}}
            """);
        assertThat(findings.errors()).isNotEmpty().allSatisfy(e -> assertThat(e).startsWith("apis[0].resourcePolicy.Statement[1].Condition"));
        assertThat(findings.errors()).anySatisfy(e -> assertThat(e).contains("StringNotEqualz"));
        assertThat(findings.warnings()).isEmpty();
    }
}
