package io.portcullis.policy;

import io.portcullis.decision.Decision;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One statement compiled into ids of shared {@link Checks}, tested in the order principal, action, resource,
 * conditions (all must hold). {@link #check} returns which element failed as an int, so the fast path allocates
 * nothing and the explaining path can say why.
 */
final class CompiledStatement {

    static final int APPLIES = -1;
    static final int PRINCIPAL = -2;
    static final int ACTION = -3;
    static final int RESOURCE = -4;

    final StatementRef ref;
    final Effect effect;
    final Decision decision;
    private final boolean notPrincipal;
    private final boolean notAction;
    private final boolean notResource;
    private final int principal;
    private final int action;
    private final int resource;
    private final int[] conditions;
    private final String[] conditionNames;

    CompiledStatement(int policyIndex, Statement s, boolean variables, ApiBinding api, Checks.Builder checks) {
        this.ref = new StatementRef(policyIndex, s.index(), s.sid());
        this.effect = s.effect();
        this.decision = PolicyResult.decision(effect == Effect.DENY ? Outcome.EXPLICIT_DENY : Outcome.ALLOW, ref.toString());
        this.notPrincipal = s.notPrincipal();
        this.notAction = s.notAction();
        this.notResource = s.notResource();
        this.principal = checks.intern("P|" + s.notPrincipal() + "|" + s.principal(), () -> {
            PrincipalMatcher m = new PrincipalMatcher(s.principal(), s.notPrincipal());
            return (ctx, memo) -> m.matches(ctx.principal());
        });
        this.action = checks.intern("A|" + s.notAction() + "|" + signature(s.actions()), () -> {
            Glob[] globs = s.actions().stream().map(a -> Glob.of(a, true)).toArray(Glob[]::new);
            boolean not = s.notAction();
            return (ctx, memo) -> {
                String a = ctx.action();
                for (Glob g : globs) {
                    if (g.matches(a)) {
                        return !not;
                    }
                }
                return not;
            };
        });
        this.resource = checks.intern("R|" + s.notResource() + "|" + variables + "|" + signature(s.resources()), () -> {
            ResourceMatcher m = ResourceMatcher.compile(s.resources(), s.notResource(), variables, api);
            return (ctx, memo) -> m.matches(ctx);
        });
        List<ConditionSpec> cs = s.conditions();
        this.conditions = new int[cs.size()];
        this.conditionNames = new String[cs.size()];
        for (int i = 0; i < conditions.length; i++) {
            ConditionSpec c = cs.get(i);
            CompiledCondition cc = CompiledCondition.compile(c.operator(), c.key(), c.values(), variables);
            int slot = checks.slot(cc.key());
            conditionNames[i] = cc.description();
            conditions[i] = checks.intern("C|" + variables + "|" + c.operator() + "|" + cc.key().name() + "|" + signature(c.values()),
                    () -> (ctx, memo) -> cc.test(memo.value(slot), ctx));
        }
    }

    /** The check ids in test order: principal, action, resource, then each condition. */
    int[] ids() {
        int[] ids = new int[3 + conditions.length];
        ids[0] = principal;
        ids[1] = action;
        ids[2] = resource;
        System.arraycopy(conditions, 0, ids, 3, conditions.length);
        return ids;
    }

    /** An unambiguous text for a list of values (length-prefixed, so no separator can collide). */
    private static String signature(List<String> values) {
        return values.stream().map(v -> v.length() + ":" + v).collect(Collectors.joining());
    }

    /** {@link #APPLIES}, {@link #PRINCIPAL}, {@link #ACTION}, {@link #RESOURCE}, or the index of the failed condition. */
    int check(Checks checks, Checks.Memo memo) {
        if (!checks.test(principal, memo)) {
            return PRINCIPAL;
        }
        if (!checks.test(action, memo)) {
            return ACTION;
        }
        if (!checks.test(resource, memo)) {
            return RESOURCE;
        }
        for (int i = 0; i < conditions.length; i++) {
            if (!checks.test(conditions[i], memo)) {
                return i;
            }
        }
        return APPLIES;
    }

    StatementTrace trace(Checks checks, Checks.Memo memo, RequestContext ctx) {
        int r = check(checks, memo);
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
                    "Condition " + conditionNames[r] + " is false");
        };
    }
}
