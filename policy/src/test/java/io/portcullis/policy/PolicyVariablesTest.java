package io.portcullis.policy;

import static io.portcullis.policy.Fixtures.allowIf;
import static io.portcullis.policy.Fixtures.allowed;
import static io.portcullis.policy.Fixtures.anonymous;
import static io.portcullis.policy.Fixtures.compile;
import static io.portcullis.policy.Fixtures.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** IAM User Guide, "IAM policy elements: Variables and tags". */
class PolicyVariablesTest {

    @Test
    void aVariableIsReplacedByTheRequestsValueInConditionsAndResources() {
        PolicySet set = compile("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke",
                 "Resource": "execute-api:/prod/GET/users/${aws:username}",
                 "Condition": {"StringEquals": {"portcullis:SourceWorkload": "${jwt:workload}"}}}}""");
        assertThat(allowed(set, invoke("*", "/prod/GET/users/alice").put("aws:username", "alice")
                .put("portcullis:SourceWorkload", "billing").put("jwt:workload", "billing").build())).isTrue();
        assertThat(allowed(set, invoke("*", "/prod/GET/users/bob").put("aws:username", "alice")
                .put("portcullis:SourceWorkload", "billing").put("jwt:workload", "billing").build())).isFalse();
    }

    @Test
    void aVariableWithNoValueMatchesNothingUnlessItHasADefault() {
        String noDefault = "{\"StringEquals\": {\"jwt:team\": \"${aws:PrincipalTag/team}\"}}";
        assertThat(allowed(allowIf(noDefault), anonymous().put("jwt:team", "").build())).isFalse();
        String withDefault = "{\"StringEquals\": {\"jwt:team\": \"${aws:PrincipalTag/team, 'none'}\"}}";
        assertThat(allowed(allowIf(withDefault), anonymous().put("jwt:team", "none").build())).isTrue();
        assertThat(allowed(allowIf(withDefault), anonymous().put("jwt:team", "red").put("aws:PrincipalTag/team", "red").build())).isTrue();
        // A multi-valued key cannot be substituted: the default applies.
        assertThat(allowed(allowIf(withDefault), anonymous().put("jwt:team", "none")
                .put("aws:PrincipalTag/team", ContextValue.ofAll(List.of("a", "b"))).build())).isTrue();
    }

    @Test
    void escapesStandForLiteralStarQuestionMarkAndDollar() {
        String c = "{\"StringLike\": {\"portcullis:RequestPath\": \"/files/${*}/${?}${$}\"}}";
        assertThat(allowed(allowIf(c), anonymous().put("portcullis:RequestPath", "/files/*/?$").build())).isTrue();
        assertThat(allowed(allowIf(c), anonymous().put("portcullis:RequestPath", "/files/x/y$").build())).isFalse();
    }

    @Test
    void substitutedTextIsLiteralEvenInsideLike() {
        String c = "{\"StringLike\": {\"portcullis:RequestPath\": \"/home/${aws:username}/*\"}}";
        assertThat(allowed(allowIf(c), anonymous().put("aws:username", "*").put("portcullis:RequestPath", "/home/alice/x").build())).isFalse();
        assertThat(allowed(allowIf(c), anonymous().put("aws:username", "alice").put("portcullis:RequestPath", "/home/alice/x").build())).isTrue();
    }

    @Test
    void variablesAreLiteralTextUnderVersion2008() {
        PolicySet set = compile("""
                {"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*",
                 "Condition": {"StringEquals": {"jwt:sub": "${aws:username}"}}}}""");
        assertThat(allowed(set, anonymous().put("aws:username", "alice").put("jwt:sub", "alice").build())).isFalse();
        assertThat(allowed(set, anonymous().put("jwt:sub", "${aws:username}").build())).isTrue();
    }

    @Test
    void anUnterminatedVariableIsAValidationError() {
        ParseResult r = PolicyParser.parse("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*",
                 "Condition": {"StringEquals": {"jwt:sub": "${aws:username"}}}}""");
        assertThat(((ParseResult.Invalid) r).errors().get(0).message()).startsWith("unterminated policy variable");
    }
}
