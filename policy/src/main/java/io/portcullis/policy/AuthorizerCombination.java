package io.portcullis.policy;

import static java.util.Objects.requireNonNull;

/**
 * Combines the resource policy's outcome with an authorizer's (IAM or JWT) as API Gateway documents it
 * ("Interactions between API Gateway resource policies and IAM policies", docs/policy.md):
 * <ul>
 *   <li>an explicit Deny on either side is an explicit deny;</li>
 *   <li>same account: otherwise, an Allow on either side allows;</li>
 *   <li>cross-account: otherwise, both must Allow; anything else is an implicit deny.</li>
 * </ul>
 */
public final class AuthorizerCombination {

    /** What the authorizer said about the request. */
    public enum AuthorizerResult { ALLOW, NEITHER, DENY }

    private AuthorizerCombination() {}

    /**
     * @param resourcePolicy the resource policy's outcome ({@link Outcome#IMPLICIT_DENY} is "neither Allow nor Deny")
     * @param sameAccount whether the caller is in the API owner's account
     */
    public static Outcome combine(Outcome resourcePolicy, AuthorizerResult authorizer, boolean sameAccount) {
        requireNonNull(resourcePolicy, "resourcePolicy");
        requireNonNull(authorizer, "authorizer");
        if (resourcePolicy == Outcome.EXPLICIT_DENY || authorizer == AuthorizerResult.DENY) {
            return Outcome.EXPLICIT_DENY;
        }
        boolean policyAllows = resourcePolicy == Outcome.ALLOW;
        boolean authorizerAllows = authorizer == AuthorizerResult.ALLOW;
        boolean allowed = sameAccount ? policyAllows || authorizerAllows : policyAllows && authorizerAllows;
        return allowed ? Outcome.ALLOW : Outcome.IMPLICIT_DENY;
    }
}
