package io.portcullis.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The warnings about a resource policy that parses but cannot mean what it says: conditions on keys no request
 * carries, on ids the configuration does not declare, and the precise form of the source-restriction warning when
 * the source key is misspelled. Built by the real {@link Authorizers} on a loaded configuration.
 */
class PolicyWarningsTest {

    private static final String API = OneVpcConfig.ORDERS;
    private static final String POLICY = """
                resourcePolicy:
                  Version: "2012-10-17"
                  Statement:
                    - {Effect: Allow, Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*"}
            """;
    private static final String SOURCE_DENY = """
                    - {Effect: Deny, Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*",
                       Condition: {StringNotEquals: {"aws:SourceVpc": vpc-a}}}
            """;

    @TempDir
    Path dir;

    private List<String> warnings(String api) throws Exception {
        OneVpcConfig.Findings findings = OneVpcConfig.authorize(dir, api);
        assertThat(findings.errors()).isEmpty();
        return findings.warnings();
    }

    private static String deny(String operator, String key, String value) {
        return "        - {Effect: Deny, Principal: \"*\", Action: \"execute-api:Invoke\", Resource: \"execute-api:/*\",\n"
                + "           Condition: {" + operator + ": {\"" + key + "\": " + value + "}}}\n";
    }

    @Test
    void aMisspelledSourceKeyIsNamedAndDoesNotCountAsRestrictingTheSource() throws Exception {
        assertThat(warnings(API + POLICY + deny("StringNotEquals", "aws:SourceVcp", "vpc-a"))).containsExactly(
                "apis[0].resourcePolicy.Statement[1].Condition.StringNotEquals: aws:SourceVcp: no request carries this "
                        + "condition key (did you mean aws:SourceVpc?): StringNotEquals on an absent key is true, so this "
                        + "Deny applies to every request its principal, action, resource and other conditions match "
                        + "(expected: a key the gateway supplies, listed in docs/policy.md)",
                "apis[0].resourcePolicy: no statement conditions on aws:SourceVpc or aws:SourceVpce: aws:SourceVcp "
                        + "(Statement[1]) is not one of them: no request carries it, so it restricts no source (see its "
                        + "warning; expected: a Deny unless aws:SourceVpc or aws:SourceVpce is one you trust)");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "Allow | StringEquals | aws:SourceVpcId | no request carries this condition key (did you mean aws:SourceVpc?): StringEquals on an absent key is false, so this Allow never applies",
            "Allow | StringNotEquals | aws:sourcevcpe | no request carries this condition key (did you mean aws:SourceVpce?): StringNotEquals on an absent key is true, so the condition restricts nothing",
            "Deny | StringEquals | aws:PrincipalTag/team | no request carries principal tags (the gateway supplies none): StringEquals on an absent key is false, so this Deny never applies",
            "Deny | StringNotEquals | jwt:level | no request carries a token claim, since this API verifies no token (no auth.jwt): StringNotEquals on an absent key is true, so this Deny applies to every request its principal, action, resource and other conditions match",
            "Allow | StringEquals | aws:username | the gateway does not supply this key, so no request carries it: StringEquals on an absent key is false, so this Allow never applies",
            "Allow | StringEqualsIfExists | corp:team | no request carries this condition key: StringEqualsIfExists on an absent key is true, so the condition restricts nothing",
    })
    void aConditionOnAKeyNoRequestCarriesSaysWhatItThenDoes(String effect, String operator, String key, String warning)
            throws Exception {
        String statement = "        - {Effect: " + effect + ", Principal: \"*\", Action: \"execute-api:Invoke\", "
                + "Resource: \"execute-api:/*\",\n           Condition: {" + operator + ": {\"" + key + "\": x}}}\n";
        assertThat(warnings(API + POLICY + SOURCE_DENY + statement)).containsExactly(
                "apis[0].resourcePolicy.Statement[2].Condition." + operator + ": " + key + ": " + warning
                        + " (expected: a key the gateway supplies, listed in docs/policy.md)");
    }

    @Test
    void idsTheConfigurationDoesNotDeclareAreWarnedAboutOnePerValue() throws Exception {
        String policy = API + POLICY + deny("StringNotEquals", "aws:SourceVpc", "[vpc-a, vpc-b]")
                + deny("StringNotEquals", "aws:SourceVpce", "[vpce-0123456789abcdef0, vpce-0123456789abcdef1]")
                + deny("StringNotEquals", "aws:PrincipalAccount", "\"999999999999\"")
                + deny("ForAnyValue:StringEquals", "portcullis:SourceSecurityGroups", "[sg-api, sg-nope]")
                + deny("StringEqualsIgnoreCase", "portcullis:SourceWorkload", "ghost")
                + deny("StringNotLike", "aws:SourceVpc", "\"vpc-*\"");

        assertThat(warnings(policy)).containsExactly(
                "apis[0].resourcePolicy.Statement[1].Condition.StringNotEquals: aws:SourceVpc: 'vpc-b' appears nowhere in "
                        + "the configuration, so no request carries it (expected: a VPC declared under vpcs; did you mean vpc-a?)",
                "apis[0].resourcePolicy.Statement[2].Condition.StringNotEquals: aws:SourceVpce: 'vpce-0123456789abcdef1' "
                        + "appears nowhere in the configuration, so no request carries it (expected: a VPC endpoint declared "
                        + "under vpcEndpoints; did you mean vpce-0123456789abcdef0?)",
                "apis[0].resourcePolicy.Statement[3].Condition.StringNotEquals: aws:PrincipalAccount: '999999999999' appears "
                        + "nowhere in the configuration, so no request carries it (expected: an account declared under "
                        + "accounts, such as 111111111111)",
                "apis[0].resourcePolicy.Statement[4].Condition: portcullis:SourceSecurityGroups: 'sg-nope' appears nowhere in the "
                        + "configuration, so no request carries it (expected: a group declared under securityGroups, such as sg-api)",
                "apis[0].resourcePolicy.Statement[5].Condition.StringEqualsIgnoreCase: portcullis:SourceWorkload: 'ghost' "
                        + "appears nowhere in the configuration, so no request carries it (expected: a workload declared "
                        + "under workloads, and there is none)");
    }

    @Test
    void aPolicyFileNamesTheFileAndThePointer() throws Exception {
        Files.writeString(dir.resolve("policy.json"), """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*",
                   "Condition": {"StringNotEquals": {"aws:SourceVpc": "vpc-0bad"}}}]}""");

        assertThat(warnings(API + "    resourcePolicy: policy.json\n")).containsExactly("apis[0].resourcePolicy: "
                + dir.resolve("policy.json") + " /Statement/0/Condition/StringNotEquals: aws:SourceVpc: 'vpc-0bad' appears "
                + "nowhere in the configuration, so no request carries it (expected: a VPC declared under vpcs, such as vpc-a)");
    }

    @Test
    void aPolicyOnDeclaredIdsAndSuppliedKeysHasNoWarning() throws Exception {
        assertThat(warnings(API + POLICY + SOURCE_DENY + deny("StringNotEqualsIgnoreCase", "AWS:SOURCEVPCE", "VPCE-0123456789ABCDEF0")
                + deny("NotIpAddress", "aws:SourceIp", "10.1.0.0/16") + deny("StringNotLike", "portcullis:SourceSecurityGroups", "\"sg-*\"")))
                .isEmpty();
    }
}
