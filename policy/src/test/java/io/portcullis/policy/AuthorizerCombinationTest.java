package io.portcullis.policy;

import static io.portcullis.policy.AuthorizerCombination.AuthorizerResult.ALLOW;
import static io.portcullis.policy.AuthorizerCombination.AuthorizerResult.DENY;
import static io.portcullis.policy.AuthorizerCombination.AuthorizerResult.NEITHER;
import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.policy.AuthorizerCombination.AuthorizerResult;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of API Gateway's two tables, "Interactions between API Gateway resource policies and IAM policies":
 * Account A calls an API owned by Account A, and Account B calls an API owned by Account A.
 */
class AuthorizerCombinationTest {

    private static final Outcome NEITHER_POLICY = Outcome.IMPLICIT_DENY;

    static Stream<Arguments> sameAccount() {
        return Stream.of(
                Arguments.of(ALLOW, Outcome.ALLOW, Outcome.ALLOW),
                Arguments.of(ALLOW, NEITHER_POLICY, Outcome.ALLOW),
                Arguments.of(ALLOW, Outcome.EXPLICIT_DENY, Outcome.EXPLICIT_DENY),
                Arguments.of(NEITHER, Outcome.ALLOW, Outcome.ALLOW),
                Arguments.of(NEITHER, NEITHER_POLICY, Outcome.IMPLICIT_DENY),
                Arguments.of(NEITHER, Outcome.EXPLICIT_DENY, Outcome.EXPLICIT_DENY),
                Arguments.of(DENY, Outcome.ALLOW, Outcome.EXPLICIT_DENY),
                Arguments.of(DENY, NEITHER_POLICY, Outcome.EXPLICIT_DENY),
                Arguments.of(DENY, Outcome.EXPLICIT_DENY, Outcome.EXPLICIT_DENY));
    }

    static Stream<Arguments> crossAccount() {
        return Stream.of(
                Arguments.of(ALLOW, Outcome.ALLOW, Outcome.ALLOW),
                Arguments.of(ALLOW, NEITHER_POLICY, Outcome.IMPLICIT_DENY),
                Arguments.of(ALLOW, Outcome.EXPLICIT_DENY, Outcome.EXPLICIT_DENY),
                Arguments.of(NEITHER, Outcome.ALLOW, Outcome.IMPLICIT_DENY),
                Arguments.of(NEITHER, NEITHER_POLICY, Outcome.IMPLICIT_DENY),
                Arguments.of(NEITHER, Outcome.EXPLICIT_DENY, Outcome.EXPLICIT_DENY),
                Arguments.of(DENY, Outcome.ALLOW, Outcome.EXPLICIT_DENY),
                Arguments.of(DENY, NEITHER_POLICY, Outcome.EXPLICIT_DENY),
                Arguments.of(DENY, Outcome.EXPLICIT_DENY, Outcome.EXPLICIT_DENY));
    }

    @ParameterizedTest(name = "same account: authorizer {0}, resource policy {1} -> {2}")
    @MethodSource("sameAccount")
    void accountACallsAnApiOwnedByAccountA(AuthorizerResult authorizer, Outcome policy, Outcome expected) {
        assertThat(AuthorizerCombination.combine(policy, authorizer, true)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "cross-account: authorizer {0}, resource policy {1} -> {2}")
    @MethodSource("crossAccount")
    void accountBCallsAnApiOwnedByAccountA(AuthorizerResult authorizer, Outcome policy, Outcome expected) {
        assertThat(AuthorizerCombination.combine(policy, authorizer, false)).isEqualTo(expected);
    }
}
