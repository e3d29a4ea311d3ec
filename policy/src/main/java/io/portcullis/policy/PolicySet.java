package io.portcullis.policy;

import static java.util.Objects.requireNonNull;

import io.portcullis.decision.Decision;
import java.util.ArrayList;
import java.util.List;

/**
 * Policies compiled for evaluation: the engine the gateway calls per request and the simulator calls per case.
 *
 * <p>Design note (hot path): statements are compiled once into matchers and split into a Deny array and an Allow
 * array, each in document order. {@link #decide} scans the Deny statements first and returns at the first that
 * applies (an explicit deny cannot be overridden), then returns at the first Allow that applies, else the implicit
 * deny; the {@link Decision}s are pre-built, so deciding allocates nothing unless a policy value holds a variable.
 * Cost is O(statements) with early exits; the set is immutable and safe to share between threads.
 * {@link #evaluate} checks every statement and records why each applied or not, for explanations.
 */
public final class PolicySet {

    private static final Decision IMPLICIT = PolicyResult.decision(Outcome.IMPLICIT_DENY, "");

    private final CompiledStatement[] all;
    private final CompiledStatement[] denies;
    private final CompiledStatement[] allows;

    private PolicySet(List<CompiledStatement> statements) {
        this.all = statements.toArray(CompiledStatement[]::new);
        this.denies = statements.stream().filter(s -> s.effect == Effect.DENY).toArray(CompiledStatement[]::new);
        this.allows = statements.stream().filter(s -> s.effect == Effect.ALLOW).toArray(CompiledStatement[]::new);
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
        for (int p = 0; p < documents.size(); p++) {
            PolicyDocument d = requireNonNull(documents.get(p), "documents[" + p + "]");
            for (Statement s : d.statements()) {
                out.add(new CompiledStatement(p, s, d.variablesEnabled(), api));
            }
        }
        return new PolicySet(out);
    }

    /** The decision for {@code ctx}, without a trace; allocation-free for policies without variables. */
    public Decision decide(RequestContext ctx) {
        for (CompiledStatement s : denies) {
            if (s.check(ctx) == CompiledStatement.APPLIES) {
                return s.decision;
            }
        }
        for (CompiledStatement s : allows) {
            if (s.check(ctx) == CompiledStatement.APPLIES) {
                return s.decision;
            }
        }
        return IMPLICIT;
    }

    /** The outcome with every decisive statement and a trace of every statement. */
    public PolicyResult evaluate(RequestContext ctx) {
        List<StatementTrace> trace = new ArrayList<>(all.length);
        List<StatementRef> denied = new ArrayList<>();
        List<StatementRef> allowed = new ArrayList<>();
        for (CompiledStatement s : all) {
            StatementTrace t = s.trace(ctx);
            trace.add(t);
            if (t.applied()) {
                (s.effect == Effect.DENY ? denied : allowed).add(s.ref);
            }
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
