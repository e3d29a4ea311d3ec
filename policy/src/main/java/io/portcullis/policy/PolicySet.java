package io.portcullis.policy;

import static java.util.Objects.requireNonNull;

import io.portcullis.decision.Decision;
import java.util.ArrayList;
import java.util.List;

/**
 * Policies compiled for evaluation: the engine the gateway calls per request and the simulator calls per case.
 *
 * <p>Design note (hot path): statements are compiled once into matchers, shared between statements that write the
 * same test and memoized per request ({@link Checks}), and split into a Deny array and an Allow array, each in
 * document order. {@link #decide} scans the Deny statements first and returns at the first that
 * applies (an explicit deny cannot be overridden), then returns at the first Allow that applies, else the implicit
 * deny; the {@link Decision}s are pre-built, so deciding allocates nothing unless a policy value holds a variable.
 * Cost is O(statements) with early exits, each distinct test run at most once; the set is immutable and safe to
 * share between threads (the memo is per thread).
 * {@link #evaluate} checks every statement and records why each applied or not, for explanations.
 */
public final class PolicySet {

    private static final Decision IMPLICIT = PolicyResult.decision(Outcome.IMPLICIT_DENY, "");

    private final Checks checks;
    private final CompiledStatement[] all;
    private final int[] denies;
    private final int[] allows;

    private PolicySet(List<CompiledStatement> statements, Checks checks) {
        this.checks = checks;
        this.all = statements.toArray(CompiledStatement[]::new);
        this.denies = program(Effect.DENY);
        this.allows = program(Effect.ALLOW);
    }

    /**
     * The statements of one effect flattened into one array, {@code [statement, n, id1..idn]} per statement, so
     * the scan walks contiguous memory instead of chasing one object per statement.
     */
    private int[] program(Effect effect) {
        java.util.stream.IntStream.Builder b = java.util.stream.IntStream.builder();
        for (int i = 0; i < all.length; i++) {
            if (all[i].effect == effect) {
                int[] ids = all[i].ids();
                b.add(i).add(ids.length);
                java.util.Arrays.stream(ids).forEach(b::add);
            }
        }
        return b.build().toArray();
    }

    /** The statement index of the first statement of {@code program} that applies, or -1. */
    private int firstApplying(int[] program, Checks.Memo memo) {
        int i = 0;
        while (i < program.length) {
            int end = i + 2 + program[i + 1];
            int j = i + 2;
            while (j < end && checks.test(program[j], memo)) {
                j++;
            }
            if (j == end) {
                return program[i];
            }
            i = end;
        }
        return -1;
    }

    /**
     * Compiles documents in order ({@code policy[i]} in results is {@code documents.get(i)}). {@code api} is the API
     * the policies are attached to, for the {@code execute-api:/} shorthand; it may be null when no policy uses it.
     *
     * @throws IllegalArgumentException when a policy uses the shorthand and {@code api} is null
     */
    public static PolicySet compile(List<PolicyDocument> documents, ApiBinding api) {
        requireNonNull(documents, "documents");
        List<CompiledStatement> out = new ArrayList<>();
        Checks.Builder checks = new Checks.Builder();
        for (int p = 0; p < documents.size(); p++) {
            PolicyDocument d = requireNonNull(documents.get(p), "documents[" + p + "]");
            for (Statement s : d.statements()) {
                out.add(new CompiledStatement(p, s, d.variablesEnabled(), api, checks));
            }
        }
        return new PolicySet(out, checks.build());
    }

    /** The decision for {@code ctx}, without a trace; allocation-free for policies without variables. */
    public Decision decide(RequestContext ctx) {
        requireNonNull(ctx, "ctx");
        Checks.Memo memo = checks.memo();
        memo.start(ctx);
        try {
            int s = firstApplying(denies, memo);
            if (s < 0) {
                s = firstApplying(allows, memo);
            }
            return s < 0 ? IMPLICIT : all[s].decision;
        } finally {
            memo.finish();
        }
    }

    /** The outcome with every decisive statement and a trace of every statement. */
    public PolicyResult evaluate(RequestContext ctx) {
        List<StatementTrace> trace = new ArrayList<>(all.length);
        List<StatementRef> denied = new ArrayList<>();
        List<StatementRef> allowed = new ArrayList<>();
        Checks.Memo memo = checks.memo();
        memo.start(requireNonNull(ctx, "ctx"));
        try {
            for (CompiledStatement s : all) {
                StatementTrace t = s.trace(checks, memo, ctx);
                trace.add(t);
                if (t.applied()) {
                    (s.effect == Effect.DENY ? denied : allowed).add(s.ref);
                }
            }
        } finally {
            memo.finish();
        }
        if (!denied.isEmpty()) {
            return new PolicyResult(Outcome.EXPLICIT_DENY, denied, trace);
        }
        if (!allowed.isEmpty()) {
            return new PolicyResult(Outcome.ALLOW, allowed, trace);
        }
        return new PolicyResult(Outcome.IMPLICIT_DENY, List.of(), trace);
    }

    /** The number of statements. */
    public int size() {
        return all.length;
    }
}
