package io.portcullis.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The distinct tests of a {@link PolicySet} (principal, action and resource matchers and conditions), shared by
 * every statement that writes the same test, with a per-thread memo so each is evaluated at most once per request.
 *
 * <p>Design note (hot path): real policies repeat themselves (the same {@code Resource}, the same
 * {@code aws:SourceVpc} test in many statements), so at compile time each test is interned by its source text
 * into an id, and each condition key into a key slot. Per request, a thread-local {@link Memo} holds one result
 * per test and one {@link ContextValue} per key, valid while their stamp equals the memo's generation; starting a
 * request bumps the generation instead of clearing arrays. Evaluating a test is then a stamp check, and a key is
 * looked up in the {@link RequestContext} once. Nothing is allocated per request.
 */
final class Checks {

    /** One test of a request. */
    interface Check {
        boolean test(RequestContext ctx, Memo memo);
    }

    /** Per-thread scratch state of one evaluation. */
    static final class Memo {
        private int generation;
        /** Per check: {@code generation << 1 | result}, so one load answers "known?" and "what?". */
        private final int[] checkState;
        private final int[] keyStamp;
        private final ContextValue[] keyValue;
        private final ContextKey[] keys;
        private RequestContext ctx;

        private Memo(int checks, ContextKey[] keys) {
            this.checkState = new int[checks];
            this.keyStamp = new int[keys.length];
            this.keyValue = new ContextValue[keys.length];
            this.keys = keys;
        }

        void start(RequestContext request) {
            ctx = request;
            if (++generation == 1 << 30) {
                Arrays.fill(checkState, 0);
                Arrays.fill(keyStamp, 0);
                Arrays.fill(keyValue, null);
                generation = 1;
            }
        }

        /** Drops the request so the thread-local does not keep it reachable. */
        void finish() {
            ctx = null;
        }

        /** The value of key slot {@code slot}, looked up once per request. */
        ContextValue value(int slot) {
            if (keyStamp[slot] != generation) {
                keyValue[slot] = ctx.value(keys[slot]);
                keyStamp[slot] = generation;
            }
            return keyValue[slot];
        }
    }

    private final Check[] checks;
    private final ContextKey[] keys;
    private final ThreadLocal<Memo> memos;

    private Checks(Check[] checks, ContextKey[] keys) {
        this.checks = checks;
        this.keys = keys;
        this.memos = ThreadLocal.withInitial(() -> new Memo(checks.length, keys));
    }

    Memo memo() {
        return memos.get();
    }

    /** Whether check {@code id} holds for the memo's request (evaluated at most once per request). */
    boolean test(int id, Memo memo) {
        int state = memo.checkState[id];
        if (state >>> 1 == memo.generation) {
            return (state & 1) != 0;
        }
        boolean result = checks[id].test(memo.ctx, memo);
        memo.checkState[id] = memo.generation << 1 | (result ? 1 : 0);
        return result;
    }

    /** Interns checks and key slots while a policy set is compiled. */
    static final class Builder {
        private final Map<String, Integer> ids = new HashMap<>();
        private final List<Check> checks = new ArrayList<>();
        private final Map<ContextKey, Integer> slots = new HashMap<>();
        private final List<ContextKey> keys = new ArrayList<>();

        /** The id of the check with this signature, compiling it only the first time. */
        int intern(String signature, Supplier<Check> compile) {
            Integer id = ids.get(signature);
            if (id == null) {
                id = checks.size();
                checks.add(compile.get());
                ids.put(signature, id);
            }
            return id;
        }

        int slot(ContextKey key) {
            return slots.computeIfAbsent(key, k -> {
                keys.add(k);
                return keys.size() - 1;
            });
        }

        Checks build() {
            return new Checks(checks.toArray(Check[]::new), keys.toArray(ContextKey[]::new));
        }
    }
}
