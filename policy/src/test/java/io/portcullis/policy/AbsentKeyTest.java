package io.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.decision.Verdict;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link ConditionSpec#holdsWhenKeyAbsent} is what {@code validate} says a condition on a key no request carries
 * does; it must be what the evaluator does with such a request, for every operator form.
 */
class AbsentKeyTest {

    private static final String RESOURCE = "arn:aws:execute-api:us-east-1:111122223333:api/prod/GET/x";

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "StringEquals, vpc-1, false", "StringNotEquals, vpc-1, true", "StringNotEqualsIgnoreCase, vpc-1, true",
            "StringLike, vpc-*, false", "StringNotLike, vpc-*, true", "StringEqualsIfExists, vpc-1, true",
            "StringNotEqualsIfExists, vpc-1, true", "ForAllValues:StringEquals, sg-1, true",
            "ForAnyValue:StringEquals, sg-1, false", "ForAnyValue:StringNotEquals, sg-1, false",
            "NumericLessThan, 3, false", "NumericNotEquals, 3, true", "DateGreaterThan, 2026-01-01, false",
            "Bool, true, false", "IpAddress, 10.0.0.0/8, false", "NotIpAddress, 10.0.0.0/8, true",
            "ArnLike, arn:aws:iam::111122223333:role/*, false", "ArnNotEquals, arn:aws:iam::111122223333:role/x, true",
            "Null, true, true", "Null, false, false",
    })
    void holdsWhenKeyAbsentIsWhatTheEvaluatorDecides(String operator, String value, boolean holds) {
        ConditionSpec condition = new ConditionSpec(operator, "aws:SourceVcp", List.of(value));
        PolicyDocument policy = PolicyParser.parse("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke",
                 "Resource": "*", "Condition": {"%s": {"aws:SourceVcp": "%s"}}}]}""".formatted(operator, value)).orThrow();
        PolicySet set = PolicySet.compile(List.of(policy), ApiBinding.fromArn(RESOURCE));
        RequestContext request = SimpleRequestContext.builder(Principal.anonymous(), "execute-api:Invoke", RESOURCE).build();

        assertThat(condition.holdsWhenKeyAbsent()).isEqualTo(holds);
        assertThat(set.decide(request).verdict() == Verdict.ALLOW).as("the evaluator").isEqualTo(holds);
    }
}
