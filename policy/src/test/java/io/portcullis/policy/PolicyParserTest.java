package io.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyParserTest {

    private static List<PolicyError> errors(String json) {
        ParseResult r = PolicyParser.parse(json);
        assertThat(r).isInstanceOf(ParseResult.Invalid.class);
        return ((ParseResult.Invalid) r).errors();
    }

    @Test
    void pointsAtTheMissingColonInTheSeedDocumentsExamplePolicy() {
        String policy = Shared.seedPolicy();
        assertThat(policy.lines().skip(12).findFirst()).hasValue("\"StringNotEquals\" {");
        List<PolicyError> errors = errors(policy);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(13);
            assertThat(e.column()).isEqualTo(18);
            assertThat(e.pointer()).isEqualTo("/Statement/0/Condition/StringNotEquals");
            assertThat(e.message()).isEqualTo("expected ':' after the field name \"StringNotEquals\"");
        });
    }

    @Test
    void theSeedPolicyOnceRepairedIsValid() {
        String fixed = Shared.seedPolicy().replace("\"StringNotEquals\" {", "\"StringNotEquals\": {")
                .replace("<your-vpc-id>", "\"vpc-1a2b3c4d\"");
        ParseResult r = PolicyParser.parse(fixed);
        assertThat(r.valid()).as("%s", r).isTrue();
        Statement s = r.orThrow().statements().get(0);
        assertThat(s.sid()).isEqualTo("DenyNotFromVPC");
        assertThat(s.effect()).isEqualTo(Effect.DENY);
        assertThat(s.conditions()).containsExactly(new ConditionSpec("StringNotEquals", "aws:sourceVPC", List.of("vpc-1a2b3c4d")));
    }

    @Test
    void reportsTheUnquotedPlaceholderAtItsPosition() {
        String onlyPlaceholder = Shared.seedPolicy().replace("\"StringNotEquals\" {", "\"StringNotEquals\": {");
        assertThat(errors(onlyPlaceholder)).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(14);
            assertThat(e.pointer()).isEqualTo("/Statement/0/Condition/StringNotEquals/aws:sourceVPC");
            assertThat(e.message()).startsWith("invalid JSON: Unexpected character ('<'");
        });
    }

    @Test
    void acceptsASingleStatementObjectAndSingleValuesWhereAwsAcceptsEither() {
        ParseResult r = PolicyParser.parse("""
                {"Statement": {"Effect": "Allow", "Principal": {"AWS": ["111122223333", "arn:aws:iam::444455556666:role/dev"]},
                 "Action": "execute-api:Invoke", "Resource": ["execute-api:/*"]}}""");
        assertThat(r.valid()).as("%s", r).isTrue();
        PolicyDocument d = r.orThrow();
        assertThat(d.version()).isNull();
        assertThat(d.variablesEnabled()).isFalse();
        assertThat(d.statements().get(0).principal().aws()).hasSize(2);
    }

    @Test
    void collectsEverySemanticErrorWithItsPointer() {
        List<PolicyError> errors = errors("""
                {"Version": "2012-10-17",
                 "Statement": [{"Effect": "Allow", "NotPrincipal": {"AWS": "111122223333"}, "Action": "execute-api:Invoke",
                   "Resource": "arn:aws:execute-api:us-east-1",
                   "Condition": {"StringEqualz": {"aws:SourceVpc": "vpc-1"},
                                 "NumericLessThan": {"jwt:level": "high"},
                                 "IpAddress": {"aws:SourceIp": "vpc-1"},
                                 "Bool": {"aws:SecureTransport": "yes"},
                                 "DateGreaterThan": {"aws:CurrentTime": "tomorrow"}}}]}""");
        assertThat(errors).extracting(PolicyError::pointer).containsExactly(
                "/Statement/0/NotPrincipal",
                "/Statement/0/Resource",
                "/Statement/0/Condition/StringEqualz/aws:SourceVpc",
                "/Statement/0/Condition/NumericLessThan/jwt:level",
                "/Statement/0/Condition/IpAddress/aws:SourceIp",
                "/Statement/0/Condition/Bool/aws:SecureTransport",
                "/Statement/0/Condition/DateGreaterThan/aws:CurrentTime");
        assertThat(errors.get(0).message()).isEqualTo("NotPrincipal with Effect Allow (expected: NotPrincipal only with Deny; use Principal)");
        assertThat(errors.get(0).line()).isEqualTo(2);
        assertThat(errors.get(3).message()).isEqualTo("NumericLessThan: 'high' (expected: a number)");
        assertThat(errors.get(4).message()).startsWith("IpAddress: 'vpc-1' (expected: an IPv4 or IPv6 address or CIDR block");
        assertThat(errors.get(5).message()).isEqualTo("Bool: 'yes' (expected: true or false)");
    }

    @Test
    void rejectsAMalformedCidrAndAWildcardInsideAPrincipal() {
        List<PolicyError> errors = errors("""
                {"Statement": [{"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::111122223333:role/*"},
                  "Action": "*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": ["10.0.0.0/8", "10.0.0.0/33"]}}}]}""");
        assertThat(errors).extracting(PolicyError::pointer)
                .containsExactly("/Statement/0/Principal/AWS", "/Statement/0/Condition/NotIpAddress/aws:SourceIp");
    }

    @Test
    void namesCaseMistakesInOperatorNames() {
        List<PolicyError> errors = errors("""
                {"Statement": {"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*",
                  "Condition": {"stringequals": {"aws:SourceVpc": "vpc-1"}}}}""");
        assertThat(errors.get(0).message()).startsWith("unknown condition operator 'stringequals' (did you mean StringEquals?");
    }

    @Test
    void rejectsUnknownElementsAndVersions() {
        List<PolicyError> errors = errors("""
                {"Version": "2012-10-18", "Statement": {"Effect": "Permit", "Principal": "*", "Actions": "*", "Resource": "*"}}""");
        assertThat(errors).extracting(PolicyError::message).containsExactly(
                "unsupported Version '2012-10-18' (expected: 2012-10-17 or 2008-10-17)",
                "unknown element 'Actions' (expected one of: Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition)",
                "expected \"Allow\" or \"Deny\", found \"Permit\"",
                "missing Action (expected: Action or NotAction)");
    }

    @Test
    void rejectsDuplicateKeysAndTrailingGarbage() {
        assertThat(errors("{\"Statement\": [], \"Statement\": []}").get(0).message()).contains("Duplicate field 'Statement'");
        assertThat(errors("{} {}").get(0).message()).startsWith("expected the end of the document");
        assertThat(errors("").get(0).message()).isEqualTo("expected a JSON object, found an empty document");
    }

    @Test
    void reportsATrailingCommaAfterTheLastStatementAtTheCommaAndTheArray() {
        List<PolicyError> errors = errors("""
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*"},
                  ]
                }""");
        assertThat(errors).singleElement().hasToString("4:91 /Statement: trailing comma after the last element "
                + "(expected: another element after ',', or no ',' before ']')");
    }

    @Test
    void reportsEveryTrailingCommaAtTheCommaWithTheContainersPointer() {
        assertThat(errors("{\"Statement\": {\"Effect\": \"Allow\", \"Resource\": \"*\" ,\n}}")).singleElement().hasToString(
                "1:51 /Statement: trailing comma after the last field \"Resource\" (expected: another field after ',', or no ',' before '}')");
        assertThat(errors("{\"Statement\": {\"Action\": [\"a\", \"b\",]}}")).singleElement().hasToString(
                "1:35 /Statement/Action: trailing comma after the last element (expected: another element after ',', or no ',' before ']')");
        assertThat(errors("{\"Version\": \"2012-10-17\",\n}")).singleElement().hasToString(
                "1:25 /: trailing comma after the last field \"Version\" (expected: another field after ',', or no ',' before '}')");
        assertThat(errors("{\"Statement\": {\"Condition\": {\"StringEquals\": {\"aws:SourceVpc\": \"vpc-1\",}}}}")).singleElement()
                .hasToString("1:71 /Statement/Condition/StringEquals: trailing comma after the last field \"aws:SourceVpc\" "
                        + "(expected: another field after ',', or no ',' before '}')");
    }

    @Test
    void aCommaBetweenElementsFollowedByGarbageIsNotATrailingComma() {
        assertThat(errors("{\"Statement\": [{}, x]}")).singleElement().satisfies(e -> {
            assertThat(e.pointer()).isEqualTo("/Statement/1");
            assertThat(e.message()).startsWith("invalid JSON: Unrecognized token 'x'");
        });
    }
}
