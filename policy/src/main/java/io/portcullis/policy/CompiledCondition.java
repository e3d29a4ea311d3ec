package io.portcullis.policy;

import java.util.List;

/**
 * One {@code operator → key → values} test of a statement, compiled.
 *
 * <p>Design note (hot path): the key is resolved to a {@link ContextKey} and the values to a {@link ValueMatcher}
 * once; a test is one context lookup and a loop over the request's values, allocating nothing for values without
 * policy variables. The rules, in IAM's words where it has them:
 * <ul>
 *   <li>several policy values are OR; a negated operator ({@code StringNotEquals}, {@code NotIpAddress} ...) is
 *       true only when no value matches (NOR), i.e. the complement of its positive form;</li>
 *   <li>an absent key: false, except negated operators (true), {@code ...IfExists} (true) and
 *       {@code ForAllValues:} (true); {@code ForAnyValue:} is false; an empty multi-valued key counts as absent;</li>
 *   <li>{@code ForAllValues:} is true when every request value matches (for a negated operator: matches none of)
 *       the policy values; {@code ForAnyValue:} when at least one does;</li>
 *   <li>without a set operator a multi-valued key behaves as {@code ForAnyValue:} for the positive form;</li>
 *   <li>{@code Null: true} is true when the key is absent (or empty), {@code Null: false} when present.</li>
 * </ul>
 */
final class CompiledCondition {

    private final Operator op;
    private final ContextKey key;
    private final ValueMatcher values;
    private final boolean nullMatchesAbsent;
    private final boolean nullMatchesPresent;
    private final String description;

    private CompiledCondition(Operator op, ContextKey key, ValueMatcher values, boolean nullAbsent, boolean nullPresent) {
        this.op = op;
        this.key = key;
        this.values = values;
        this.nullMatchesAbsent = nullAbsent;
        this.nullMatchesPresent = nullPresent;
        this.description = op.name() + " " + key.name();
    }

    /** Compiles one entry; throws IllegalArgumentException saying what is wrong. */
    static CompiledCondition compile(String operator, String key, List<String> raw, boolean variables) {
        Operator op = Operator.parse(operator);
        ContextKey k = ContextKey.of(key);
        if (raw.isEmpty()) {
            throw new IllegalArgumentException(operator + " " + key + ": no values (expected: at least one value)");
        }
        if (op.family() == Operator.Family.NULL) {
            boolean absent = false;
            boolean present = false;
            for (String s : raw) {
                if (!Values.isBoolean(s)) {
                    throw new IllegalArgumentException("Null: '" + s + "' (expected: true (key absent) or false (key present))");
                }
                absent |= Boolean.parseBoolean(s.toLowerCase(java.util.Locale.ROOT));
                present |= !Boolean.parseBoolean(s.toLowerCase(java.util.Locale.ROOT));
            }
            return new CompiledCondition(op, k, null, absent, present);
        }
        return new CompiledCondition(op, k, ValueMatcher.compile(op, raw, variables), false, false);
    }

    boolean test(RequestContext ctx) {
        return test(ctx.value(key), ctx);
    }

    /** The test with the key's value already looked up ({@code v} is null when the key is absent). */
    boolean test(ContextValue v, RequestContext ctx) {
        int n = v == null ? 0 : v.size();
        if (values == null) {
            return n == 0 ? nullMatchesAbsent : nullMatchesPresent;
        }
        if (n == 0) {
            if (op.ifExists()) {
                return true;
            }
            return switch (op.qualifier()) {
                case FOR_ALL_VALUES -> true;
                case FOR_ANY_VALUE -> false;
                case NONE -> op.negated();
            };
        }
        boolean negated = op.negated();
        if (op.qualifier() == Operator.Qualifier.FOR_ALL_VALUES) {
            for (int i = 0; i < n; i++) {
                if (values.matches(v, i, ctx) == negated) {
                    return false;
                }
            }
            return true;
        }
        if (op.qualifier() == Operator.Qualifier.FOR_ANY_VALUE) {
            for (int i = 0; i < n; i++) {
                if (values.matches(v, i, ctx) != negated) {
                    return true;
                }
            }
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (values.matches(v, i, ctx)) {
                return !negated;
            }
        }
        return negated;
    }

    ContextKey key() {
        return key;
    }

    /** {@code StringNotEquals aws:sourcevpc}, for traces. */
    String description() {
        return description;
    }
}
