package io.portcullis.runtime.auth;

import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;

/** Reason codes of the identity and policy stage that are not the policy engine's or the verifier's own. */
public final class AuthReasons {

    /** A verified token (and, where configured, its binding) with no resource policy to consult. */
    public static final Reason TOKEN_ACCEPTED = new Reason(Layer.IDENTITY, "token-accepted");
    /** No token, but a verified client certificate served as the identity. */
    public static final Reason CERTIFICATE_ACCEPTED = new Reason(Layer.IDENTITY, "certificate-accepted");
    /** The principal template names a claim the token does not carry. */
    public static final Reason PRINCIPAL_UNRESOLVED = new Reason(Layer.IDENTITY, "principal-unresolved");
    /** The route's time window is closed. */
    public static final Reason OUTSIDE_WINDOW = new Reason(Layer.POLICY, "outside-route-window");
    /** Allowed by the authorizer although the resource policy said neither (same-account table). */
    public static final Reason AUTHORIZER_ALLOW = new Reason(Layer.POLICY, "authorizer-allow");
    /** Denied because a cross-account caller needs both the authorizer and the resource policy to allow. */
    public static final Reason CROSS_ACCOUNT_NEEDS_BOTH = new Reason(Layer.POLICY, "cross-account-implicit-deny");

    private AuthReasons() {}
}
