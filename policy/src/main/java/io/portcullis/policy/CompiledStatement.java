package io.portcullis.policy;

import io.portcullis.decision.Decision;
import java.util.List;

/**
 * One statement compiled into matchers, checked in the order principal, action, resource, conditions (cheapest and
 * most selective first; all must hold). {@link #check} returns which element failed as an int, so the fast path
 * allocates nothing and the explaining path can say why.
 */
final class CompiledStatement {

    static final int APPLIES = -1;
    static final int PRINCIPAL = -2;
    static final int ACTION = -3;
    static final int RESOURCE = -4;

    final StatementRef ref;
    final Effect effect;
    final Decision decision;
    private final PrincipalMatcher principal;
    private final boolean notPrincipal;
    private final Glob[] actions;
    private final boolean notAction;
    private final boolean notResource;
    private final ResourceMatcher resource;
    private final CompiledCondition[] conditions;

    CompiledStatement(int policyIndex, Statement s, boolean variables, ApiBinding api) {
        this.ref = new StatementRef(policyIndex, s.index(), s.sid());
        this.effect = s.effect();
        this.decision = PolicyResult.decision(effect == Effect.DENY ? Outcome.EXPLICIT_DENY : Outcome.ALLOW, ref.toString());
        this.principal = new PrincipalMatcher(s.principal(), s.notPrincipal());
        this.notPrincipal = s.notPrincipal();
        this.actions = s.actions().stream().map(a -> Glob.of(a, true)).toArray(Glob[]::new);
        this.notAction = s.notAction();
        this.notResource = s.notResource();
        this.resource = ResourceMatcher.compile(s.resources(), s.notResource(), variables, api);
        List<ConditionSpec> cs = s.conditions();
        this.conditions = new CompiledCondition[cs.size()];
        for (int i = 0; i < conditions.length; i++) {
            ConditionSpec c = cs.get(i);
            conditions[i] = CompiledCondition.compile(c.operator(), c.key(), c.values(), variables);
        }
    }

    /** {@link #APPLIES}, {@link #PRINCIPAL}, {@link #ACTION}, {@link #RESOURCE}, or the index of the failed condition. */
    int check(RequestContext ctx) {
        if (!principal.matches(ctx.principal())) {
            return PRINCIPAL;
        }
        if (!actionMatches(ctx.action())) {
            return ACTION;
        }
        if (!resource.matches(ctx)) {
            return RESOURCE;
        }
        for (int i = 0; i < conditions.length; i++) {
            if (!conditions[i].test(ctx)) {
                return i;
            }
        }
        return APPLIES;
    }

    private boolean actionMatches(String action) {
        for (Glob g : actions) {
            if (g.matches(action)) {
                return !notAction;
            }
        }
        return notAction;
    }

    StatementTrace trace(RequestContext ctx) {
        int r = check(ctx);
        return switch (r) {
            case APPLIES -> new StatementTrace(ref, effect, true, null, "applies");
            case PRINCIPAL -> notPrincipal
                    ? new StatementTrace(ref, effect, false, StatementTrace.Element.NOT_PRINCIPAL, "NotPrincipal lists the caller " + ctx.principal())
                    : new StatementTrace(ref, effect, false, StatementTrace.Element.PRINCIPAL, "Principal does not match " + ctx.principal());
            case ACTION -> notAction
                    ? new StatementTrace(ref, effect, false, StatementTrace.Element.NOT_ACTION, "NotAction lists " + ctx.action())
                    : new StatementTrace(ref, effect, false, StatementTrace.Element.ACTION, "Action does not match " + ctx.action());
            case RESOURCE -> notResource
                    ? new StatementTrace(ref, effect, false, StatementTrace.Element.NOT_RESOURCE, "NotResource lists " + ctx.resource())
                    : new StatementTrace(ref, effect, false, StatementTrace.Element.RESOURCE, "Resource does not match " + ctx.resource());
            default -> new StatementTrace(ref, effect, false, StatementTrace.Element.CONDITION,
                    "Condition " + conditions[r].description() + " is false");
        };
    }
}
