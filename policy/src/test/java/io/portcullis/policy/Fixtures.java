package io.portcullis.policy;

import java.util.List;

/** Small builders shared by the evaluation tests. */
final class Fixtures {

    static final String API_ARN = "arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5";
    static final ApiBinding API = ApiBinding.fromArn(API_ARN + "/prod/GET/pets");

    private Fixtures() {}

    static PolicySet compile(String... policies) {
        return PolicySet.compile(List.of(policies).stream().map(p -> PolicyParser.parse(p).orThrow()).toList(), API);
    }

    static SimpleRequestContext.Builder invoke(String principalArn, String path) {
        Principal p = principalArn.equals("*") ? Principal.anonymous() : Principal.aws(principalArn);
        return SimpleRequestContext.builder(p, "execute-api:Invoke", API_ARN + path);
    }

    static SimpleRequestContext.Builder anonymous() {
        return invoke("*", "/prod/GET/pets");
    }

    /** A 2012-10-17 policy with one statement whose Condition block is {@code condition}. */
    static PolicySet allowIf(String condition) {
        return compile("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke",
                 "Resource": "execute-api:/*", "Condition": %s}}""".formatted(condition));
    }

    static boolean allowed(PolicySet set, RequestContext ctx) {
        Outcome fast = set.decide(ctx).allowed() ? Outcome.ALLOW : null;
        Outcome full = set.evaluate(ctx).outcome();
        // The fast path and the explaining path must always agree.
        if ((fast == Outcome.ALLOW) != (full == Outcome.ALLOW)) {
            throw new AssertionError("decide and evaluate disagree: " + set.decide(ctx) + " vs " + full);
        }
        return full == Outcome.ALLOW;
    }
}
