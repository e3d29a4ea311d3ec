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
}
