package io.portcullis.policy;

import static io.portcullis.policy.Fixtures.allowIf;
import static io.portcullis.policy.Fixtures.allowed;
import static io.portcullis.policy.Fixtures.anonymous;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each condition operator against the rule the IAM User Guide states for it ("Condition operators"). */
class ConditionOperatorTest {

    private static boolean check(String condition, SimpleRequestContext.Builder ctx) {
        return allowed(allowIf(condition), ctx.build());
    }

    @Test
    void stringEqualsIsCaseSensitiveAndIgnoreCaseIsNot() {
        assertThat(check("{\"StringEquals\": {\"aws:SourceVpc\": \"vpc-ABC\"}}", anonymous().put("aws:SourceVpc", "vpc-abc"))).isFalse();
        assertThat(check("{\"StringEqualsIgnoreCase\": {\"aws:SourceVpc\": \"vpc-ABC\"}}", anonymous().put("aws:SourceVpc", "vpc-abc"))).isTrue();
        assertThat(check("{\"StringNotEqualsIgnoreCase\": {\"aws:SourceVpc\": \"vpc-ABC\"}}", anonymous().put("aws:SourceVpc", "vpc-abc"))).isFalse();
    }

    @Test
    void conditionKeyNamesAreCaseInsensitive() {
        assertThat(check("{\"StringEquals\": {\"AWS:SOURCEVPC\": \"vpc-1\"}}", anonymous().put("aws:sourcevpc", "vpc-1"))).isTrue();
    }

    @Test
    void stringLikeMatchesStarAndQuestionMarkAnywhere() {
        String c = "{\"StringLike\": {\"portcullis:RequestPath\": [\"/pets/*/photo?\"]}}";
        assertThat(check(c, anonymous().put("portcullis:RequestPath", "/pets/42/a/photo1"))).isTrue();
        assertThat(check(c, anonymous().put("portcullis:RequestPath", "/pets/42/photo"))).isFalse();
        assertThat(check("{\"StringNotLike\": {\"portcullis:RequestPath\": \"/admin*\"}}", anonymous().put("portcullis:RequestPath", "/admin/x"))).isFalse();
    }

    @Test
    void severalValuesOfOneKeyAreOrAndANegatedOperatorMatchesOnlyIfNoneMatches() {
        String eq = "{\"StringEquals\": {\"aws:SourceVpc\": [\"vpc-1\", \"vpc-2\"]}}";
        String ne = "{\"StringNotEquals\": {\"aws:SourceVpc\": [\"vpc-1\", \"vpc-2\"]}}";
        assertThat(check(eq, anonymous().put("aws:SourceVpc", "vpc-2"))).isTrue();
        assertThat(check(ne, anonymous().put("aws:SourceVpc", "vpc-2"))).isFalse();
        assertThat(check(ne, anonymous().put("aws:SourceVpc", "vpc-3"))).isTrue();
    }

    @Test
    void severalKeysAndSeveralOperatorsAreAnd() {
        String c = "{\"StringEquals\": {\"aws:SourceVpc\": \"vpc-1\", \"portcullis:RequestMethod\": \"GET\"}, \"Bool\": {\"aws:SecureTransport\": \"true\"}}";
        assertThat(check(c, anonymous().put("aws:SourceVpc", "vpc-1").put("portcullis:RequestMethod", "GET").put("aws:SecureTransport", ContextValue.of(true)))).isTrue();
        assertThat(check(c, anonymous().put("aws:SourceVpc", "vpc-1").put("portcullis:RequestMethod", "GET").put("aws:SecureTransport", ContextValue.of(false)))).isFalse();
        assertThat(check(c, anonymous().put("aws:SourceVpc", "vpc-1").put("aws:SecureTransport", ContextValue.of(true)))).isFalse();
    }

    @Test
    void anAbsentKeyIsFalseExceptForNegatedOperatorsWhichAreTrue() {
        assertThat(check("{\"StringEquals\": {\"aws:SourceVpc\": \"vpc-1\"}}", anonymous())).isFalse();
        assertThat(check("{\"StringNotEquals\": {\"aws:SourceVpc\": \"vpc-1\"}}", anonymous())).isTrue();
        assertThat(check("{\"NotIpAddress\": {\"aws:SourceIp\": \"10.0.0.0/8\"}}", anonymous())).isTrue();
        assertThat(check("{\"ArnNotLike\": {\"aws:PrincipalArn\": \"arn:aws:iam::*:role/x\"}}", anonymous())).isTrue();
        assertThat(check("{\"Bool\": {\"aws:SecureTransport\": \"false\"}}", anonymous())).isFalse();
    }

    @Test
    void ifExistsIsTrueWhenTheKeyIsAbsentAndChecksItWhenPresent() {
        String c = "{\"StringEqualsIfExists\": {\"portcullis:SourceWorkload\": \"billing\"}}";
        assertThat(check(c, anonymous())).isTrue();
        assertThat(check(c, anonymous().put("portcullis:SourceWorkload", "billing"))).isTrue();
        assertThat(check(c, anonymous().put("portcullis:SourceWorkload", "web"))).isFalse();
    }

    @Test
    void numericOperatorsCompareNumbersNotText() {
        assertThat(check("{\"NumericLessThan\": {\"jwt:level\": \"10\"}}", anonymous().put("jwt:level", ContextValue.of(9)))).isTrue();
        assertThat(check("{\"NumericLessThan\": {\"jwt:level\": \"10\"}}", anonymous().put("jwt:level", ContextValue.of(10)))).isFalse();
        assertThat(check("{\"NumericLessThanEquals\": {\"jwt:level\": 10}}", anonymous().put("jwt:level", ContextValue.ofNumber("10.0")))).isTrue();
        assertThat(check("{\"NumericGreaterThan\": {\"jwt:level\": \"2.5\"}}", anonymous().put("jwt:level", "3"))).isTrue();
        assertThat(check("{\"NumericGreaterThanEquals\": {\"jwt:level\": \"3\"}}", anonymous().put("jwt:level", "3"))).isTrue();
        assertThat(check("{\"NumericEquals\": {\"jwt:level\": \"3\"}}", anonymous().put("jwt:level", "03"))).isTrue();
        assertThat(check("{\"NumericNotEquals\": {\"jwt:level\": \"3\"}}", anonymous().put("jwt:level", "4"))).isTrue();
        assertThat(check("{\"NumericEquals\": {\"jwt:level\": \"3\"}}", anonymous().put("jwt:level", "three"))).isFalse();
    }

    @Test
    void dateOperatorsTakeIso8601AndEpochSeconds() {
        String before = "{\"DateLessThan\": {\"aws:CurrentTime\": \"2026-01-01T00:00:00Z\"}}";
        assertThat(check(before, anonymous().put("aws:CurrentTime", "2025-12-31T23:59:59Z"))).isTrue();
        assertThat(check(before, anonymous().put("aws:CurrentTime", "2026-01-01T00:00:00Z"))).isFalse();
        assertThat(check("{\"DateGreaterThanEquals\": {\"aws:EpochTime\": \"2026-01-01\"}}", anonymous().put("aws:EpochTime", ContextValue.of(1767225600L)))).isTrue();
        assertThat(check("{\"DateEquals\": {\"aws:CurrentTime\": \"1767225600\"}}", anonymous().put("aws:CurrentTime", "2026-01-01T01:00:00+01:00"))).isTrue();
        assertThat(check("{\"DateNotEquals\": {\"aws:CurrentTime\": \"2026-01-01\"}}", anonymous().put("aws:CurrentTime", "2026-01-02"))).isTrue();
        assertThat(check("{\"DateGreaterThan\": {\"aws:CurrentTime\": \"2026-01-01\"}}", anonymous().put("aws:CurrentTime", "2026-01-01T00:00:01Z"))).isTrue();
        assertThat(check("{\"DateLessThanEquals\": {\"aws:CurrentTime\": \"2026-01-01\"}}", anonymous().put("aws:CurrentTime", "2026-01-01"))).isTrue();
    }

    @Test
    void boolComparesTrueAndFalse() {
        assertThat(check("{\"Bool\": {\"aws:SecureTransport\": true}}", anonymous().put("aws:SecureTransport", ContextValue.of(true)))).isTrue();
        assertThat(check("{\"Bool\": {\"aws:SecureTransport\": \"false\"}}", anonymous().put("aws:SecureTransport", "TRUE"))).isFalse();
    }

    @Test
    void binaryEqualsComparesTheDecodedBytes() {
        assertThat(check("{\"BinaryEquals\": {\"jwt:blob\": \"QmluYXJ5VmFsdWU=\"}}", anonymous().put("jwt:blob", "QmluYXJ5VmFsdWU="))).isTrue();
        assertThat(check("{\"BinaryEquals\": {\"jwt:blob\": \"QmluYXJ5VmFsdWU=\"}}", anonymous().put("jwt:blob", "QmluYXJ5"))).isFalse();
    }

    @Test
    void ipAddressMatchesIpv4AndIpv6CidrBlocksAndSingleAddresses() {
        String c = "{\"IpAddress\": {\"aws:SourceIp\": [\"192.0.2.0/24\", \"2001:db8::/32\", \"198.51.100.7\"]}}";
        assertThat(check(c, anonymous().put("aws:SourceIp", "192.0.2.200"))).isTrue();
        assertThat(check(c, anonymous().put("aws:SourceIp", "192.0.3.1"))).isFalse();
        assertThat(check(c, anonymous().put("aws:SourceIp", "2001:db8:ffff::1"))).isTrue();
        assertThat(check(c, anonymous().put("aws:SourceIp", "2001:db9::1"))).isFalse();
        assertThat(check(c, anonymous().put("aws:SourceIp", "198.51.100.7"))).isTrue();
        assertThat(check(c, anonymous().put("aws:SourceIp", "::ffff:192.0.2.9"))).isTrue();
        assertThat(check("{\"NotIpAddress\": {\"aws:VpcSourceIp\": \"10.0.0.0/8\"}}", anonymous().put("aws:VpcSourceIp", "10.1.2.3"))).isFalse();
    }

    @Test
    void arnOperatorsMatchEachSegmentSeparately() {
        String c = "{\"ArnLike\": {\"aws:PrincipalArn\": \"arn:aws:iam::*:role/ops-*\"}}";
        assertThat(check(c, anonymous().put("aws:PrincipalArn", "arn:aws:iam::222222222222:role/ops-admin"))).isTrue();
        assertThat(check(c, anonymous().put("aws:PrincipalArn", "arn:aws:iam::222222222222:user/ops-admin"))).isFalse();
        // A wildcard in the account segment does not swallow the colon into the next segment.
        // (A whole-string glob would let * cover "aws:x" here.)
        assertThat(check("{\"ArnEquals\": {\"aws:PrincipalArn\": \"arn:*:iam::222222222222:role/x\"}}",
                anonymous().put("aws:PrincipalArn", "arn:aws:x:iam::222222222222:role/x"))).isFalse();
        assertThat(check("{\"ArnNotEquals\": {\"aws:PrincipalArn\": \"arn:aws:iam::222222222222:role/x\"}}",
                anonymous().put("aws:PrincipalArn", "arn:aws:iam::222222222222:role/x"))).isFalse();
    }

    @Test
    void nullTrueMeansTheKeyIsAbsentAndFalseThatItIsPresent() {
        assertThat(check("{\"Null\": {\"aws:SourceVpce\": \"true\"}}", anonymous())).isTrue();
        assertThat(check("{\"Null\": {\"aws:SourceVpce\": \"true\"}}", anonymous().put("aws:SourceVpce", "vpce-1"))).isFalse();
        assertThat(check("{\"Null\": {\"aws:SourceVpce\": false}}", anonymous().put("aws:SourceVpce", "vpce-1"))).isTrue();
    }

    @Test
    void forAllValuesIsTrueWhenEveryRequestValueMatchesAndForAbsentOrEmptyKeys() {
        String c = "{\"ForAllValues:StringEquals\": {\"portcullis:SourceSecurityGroups\": [\"sg-1\", \"sg-2\"]}}";
        assertThat(check(c, anonymous().put("portcullis:SourceSecurityGroups", ContextValue.ofAll(List.of("sg-1", "sg-2"))))).isTrue();
        assertThat(check(c, anonymous().put("portcullis:SourceSecurityGroups", ContextValue.ofAll(List.of("sg-1", "sg-3"))))).isFalse();
        // IAM: "ForAllValues also returns true if there are no context keys in the request".
        assertThat(check(c, anonymous())).isTrue();
        assertThat(check(c, anonymous().put("portcullis:SourceSecurityGroups", ContextValue.ofAll(List.of())))).isTrue();
    }

    @Test
    void forAnyValueIsTrueWhenOneRequestValueMatchesAndFalseForAbsentKeys() {
        String c = "{\"ForAnyValue:StringEquals\": {\"portcullis:SourceSecurityGroups\": \"sg-2\"}}";
        assertThat(check(c, anonymous().put("portcullis:SourceSecurityGroups", ContextValue.ofAll(List.of("sg-1", "sg-2"))))).isTrue();
        assertThat(check(c, anonymous().put("portcullis:SourceSecurityGroups", ContextValue.ofAll(List.of("sg-1"))))).isFalse();
        assertThat(check(c, anonymous())).isFalse();
        assertThat(check(c, anonymous().put("portcullis:SourceSecurityGroups", ContextValue.ofAll(List.of())))).isFalse();
    }

    @Test
    void negatedSetOperatorsTestEachRequestValueAgainstNoneOfThePolicyValues() {
        // IAM's example: ForAllValues:StringNotLike {"aws:TagKeys": "key1*"} matches only when no tag key starts key1.
        String all = "{\"ForAllValues:StringNotLike\": {\"jwt:groups\": \"key1*\"}}";
        assertThat(check(all, anonymous().put("jwt:groups", ContextValue.ofAll(List.of("key1:legal"))))).isFalse();
        assertThat(check(all, anonymous().put("jwt:groups", ContextValue.ofAll(List.of("key1:hr", "key1:personnel"))))).isFalse();
        assertThat(check(all, anonymous().put("jwt:groups", ContextValue.ofAll(List.of("key2:audit"))))).isTrue();
        assertThat(check(all, anonymous())).isTrue();
        String any = "{\"ForAnyValue:StringNotEquals\": {\"jwt:groups\": \"admin\"}}";
        assertThat(check(any, anonymous().put("jwt:groups", ContextValue.ofAll(List.of("admin", "dev"))))).isTrue();
        assertThat(check(any, anonymous().put("jwt:groups", ContextValue.ofAll(List.of("admin"))))).isFalse();
    }

    @Test
    void withoutASetOperatorAMultiValuedKeyMatchesWhenAnyValueMatches() {
        String c = "{\"StringEquals\": {\"portcullis:SourceSecurityGroups\": \"sg-2\"}}";
        assertThat(check(c, anonymous().put("portcullis:SourceSecurityGroups", ContextValue.ofAll(List.of("sg-1", "sg-2"))))).isTrue();
    }
}
