package io.portcullis.gateway.auth;

import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;

/** The reason codes the gateway itself uses at the authorization stage. */
public final class AuthReasons {

    /** The API has no authorizer: the request is allowed without a principal. */
    public static final Reason NO_AUTHORIZER = new Reason(Layer.POLICY, "no-authorizer");
    /** The authorizer threw or returned nothing; the request is denied (fail closed). */
    public static final Reason AUTHORIZER_ERROR = new Reason(Layer.POLICY, "authorizer-error");

    private AuthReasons() {}
}
