package io.portcullis.identity.jwt;

import static java.util.Objects.requireNonNull;

import io.portcullis.decision.Decision;

/** The outcome of authenticating one request's token: verified, or rejected with a cause. Never thrown. */
public sealed interface JwtResult {

    boolean verified();

    /** A token whose signature and claims passed; the same instance is returned on every cache hit. */
    record Verified(VerifiedToken token) implements JwtResult {
        public Verified {
            requireNonNull(token, "token");
        }

        @Override
        public boolean verified() {
            return true;
        }
    }

    /**
     * A token that was not accepted. {@code detail} explains the cause to operators (which kid, which claim
     * value); it never contains the token or key material and is never sent to the client.
     */
    record Rejected(AuthFailure failure, String detail) implements JwtResult {
        public Rejected {
            requireNonNull(failure, "failure");
            requireNonNull(detail, "detail");
        }

        @Override
        public boolean verified() {
            return false;
        }

        public Decision decision() {
            return failure.decision(detail);
        }
    }
}
