package io.portcullis.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One {@code operator → key → values} entry of a {@code Condition} block, as written (operator and key in the
 * document's spelling; values as text, JSON numbers and booleans in their JSON spelling).
 */
public record ConditionSpec(String operator, String key, List<String> values) {

    public ConditionSpec {
        requireNonNull(operator, "operator");
        requireNonNull(key, "key");
        values = List.copyOf(values);
    }

    /**
     * Whether this condition is true for a request that does not carry its key, as the evaluator decides it (a
     * negated operator, {@code ...IfExists}, {@code ForAllValues:} and {@code Null: true} are; the rest are not).
     *
     * @throws IllegalArgumentException if the operator or the values are invalid (never for a parsed document)
     */
    public boolean holdsWhenKeyAbsent() {
        return CompiledCondition.compile(operator, key, values, false).test(null, null);
    }
}
