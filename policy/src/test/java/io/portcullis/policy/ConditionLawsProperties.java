package io.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Laws of IAM condition evaluation that hold for every operator: a negated operator is the complement of its
 * positive form wherever the key is present; {@code IfExists} on an absent key is true; {@code ForAllValues} on an
 * absent or empty key is true and {@code ForAnyValue} false.
 */
class ConditionLawsProperties {

    /** A positive/negated operator pair with matching generators for policy and request values. */
    record Family(String positive, String negated, Arbitrary<String> policyValue, Arbitrary<String> requestValue) {}

    private static final Arbitrary<String> WORD = Arbitraries.strings().withChars("abAB").ofMinLength(0).ofMaxLength(4);
    private static final Arbitrary<String> PATTERN = Arbitraries.strings().withChars("ab*?").ofMinLength(0).ofMaxLength(4);
    private static final Arbitrary<String> SMALL_INT = Arbitraries.integers().between(-3, 3).map(String::valueOf);
    private static final Arbitrary<String> EPOCH = Arbitraries.integers().between(0, 3).map(i -> String.valueOf(1_700_000_000L + i));
    private static final Arbitrary<String> IPV4 = Arbitraries.integers().between(0, 3).list().ofSize(4)
            .map(o -> "10." + o.get(1) + "." + o.get(2) + "." + o.get(3));
    private static final Arbitrary<String> CIDR = Combinators.combine(IPV4, Arbitraries.of(8, 16, 24, 30, 32)).as((a, p) -> a + "/" + p);
    private static final Arbitrary<String> ARN = Combinators.combine(Arbitraries.of("iam", "sts"), WORD)
            .as((svc, res) -> "arn:aws:" + svc + "::111122223333:role/" + res);
    private static final Arbitrary<String> ARN_PATTERN = Combinators.combine(Arbitraries.of("iam", "sts", "*", "i?m"), PATTERN)
            .as((svc, res) -> "arn:aws:" + svc + "::111122223333:role/" + res);

    @Provide
    Arbitrary<Family> families() {
        return Arbitraries.of(
                new Family("StringEquals", "StringNotEquals", WORD, WORD),
                new Family("StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", WORD, WORD),
                new Family("StringLike", "StringNotLike", PATTERN, WORD),
                new Family("NumericEquals", "NumericNotEquals", SMALL_INT, SMALL_INT),
                new Family("DateEquals", "DateNotEquals", EPOCH, EPOCH),
                new Family("IpAddress", "NotIpAddress", CIDR, IPV4),
                new Family("ArnEquals", "ArnNotEquals", ARN_PATTERN, ARN),
                new Family("ArnLike", "ArnNotLike", ARN_PATTERN, ARN));
    }

    @Provide
    Arbitrary<Tuple.Tuple3<Family, List<String>, List<String>>> cases() {
        return families().flatMap(f -> Combinators.combine(
                f.policyValue().list().ofMinSize(1).ofMaxSize(3),
                f.requestValue().list().ofMinSize(1).ofMaxSize(3)).as((p, r) -> Tuple.of(f, p, r)));
    }

    private static boolean test(String operator, List<String> policy, ContextValue request) {
        CompiledCondition c = CompiledCondition.compile(operator, "jwt:x", policy, true);
        SimpleRequestContext.Builder b = SimpleRequestContext.builder(Principal.anonymous(), "a:b", "*");
        if (request != null) {
            b.put("jwt:x", request);
        }
        return c.test(b.build());
    }

    private static ContextValue value(List<String> values) {
        return values.size() == 1 ? ContextValue.of(values.get(0)) : ContextValue.ofAll(values);
    }

    @Property
    void aNegatedOperatorIsTheComplementOfItsPositiveFormWhereTheKeyIsPresent(
            @ForAll("cases") Tuple.Tuple3<Family, List<String>, List<String>> c) {
        Family f = c.get1();
        ContextValue request = value(c.get3());
        assertThat(test(f.negated(), c.get2(), request)).isNotEqualTo(test(f.positive(), c.get2(), request));
    }

    @Property
    void ifExistsOnAnAbsentKeyIsTrue(@ForAll("cases") Tuple.Tuple3<Family, List<String>, List<String>> c) {
        assertThat(test(c.get1().positive() + "IfExists", c.get2(), null)).isTrue();
        assertThat(test(c.get1().negated() + "IfExists", c.get2(), null)).isTrue();
    }

    @Property
    void forAllValuesIsTrueAndForAnyValueFalseOnAnAbsentOrEmptyKey(
            @ForAll("cases") Tuple.Tuple3<Family, List<String>, List<String>> c) {
        for (ContextValue absent : new ContextValue[] {null, ContextValue.ofAll(List.of())}) {
            assertThat(test("ForAllValues:" + c.get1().positive(), c.get2(), absent)).isTrue();
            assertThat(test("ForAllValues:" + c.get1().negated(), c.get2(), absent)).isTrue();
            assertThat(test("ForAnyValue:" + c.get1().positive(), c.get2(), absent)).isFalse();
            assertThat(test("ForAnyValue:" + c.get1().negated(), c.get2(), absent)).isFalse();
        }
    }

    @Property
    void forAnyValueOfTheNegatedFormIsTheComplementOfForAllValuesOfThePositive(
            @ForAll("cases") Tuple.Tuple3<Family, List<String>, List<String>> c) {
        ContextValue request = ContextValue.ofAll(c.get3());
        assertThat(test("ForAnyValue:" + c.get1().negated(), c.get2(), request))
                .isNotEqualTo(test("ForAllValues:" + c.get1().positive(), c.get2(), request));
    }
}
