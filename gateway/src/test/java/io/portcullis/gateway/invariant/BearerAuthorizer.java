package io.portcullis.gateway.invariant;

import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import io.portcullis.gateway.auth.Authorization;
import io.portcullis.gateway.auth.RequestAuthorizer;
import io.portcullis.gateway.auth.RequestFacts;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fixture's authorizer: the caller is the name in {@code Authorization: Bearer <name>} (lower-case letters;
 * anything else is no caller), and {@code /admin} and everything under it is for {@code admin} only (401 without a
 * caller, 403 for another). It decides on {@link RequestFacts#path()}, the path the gateway routes on, exactly as
 * given, and remembers per request id the caller it established and the path it was shown. Like a real token
 * verifier it declares {@code Authorization} as its credential header.
 */
final class BearerAuthorizer implements RequestAuthorizer {

    static final String ISSUER = "https://issuer.invariant.test";
    static final Reason TOKEN_MISSING = new Reason(Layer.IDENTITY, "token-missing");
    static final Reason ADMIN_ONLY = new Reason(Layer.POLICY, "admin-only");
    static final Reason ALLOWED = new Reason(Layer.POLICY, "statement-allows");

    /** Request id to the principal established (maybe {@code ""}). */
    final Map<String, String> principals = new ConcurrentHashMap<>();
    /** Request id to the path (with query) the authorizer was shown. */
    final Map<String, String> paths = new ConcurrentHashMap<>();

    @Override
    public Authorization authorize(RequestFacts facts) {
        String principal = principal(facts.header("authorization"));
        principals.put(facts.requestId(), principal);
        paths.put(facts.requestId(), facts.path());
        int q = facts.path().indexOf('?');
        String path = q < 0 ? facts.path() : facts.path().substring(0, q);
        if (PathOracle.namesAdmin(path) && !principal.equals("admin")) {
            return principal.isEmpty()
                    ? Authorization.unauthenticated(Decision.deny(TOKEN_MISSING, "bearer", "no bearer token"))
                    : Authorization.forbidden(Decision.deny(ADMIN_ONLY, "policy[0] Statement[1] (AdminOnly)",
                            principal + " on " + path), principal, principal, ISSUER);
        }
        return Authorization.allow(Decision.allow(ALLOWED, "policy[0] Statement[0] (AllowAll)", "allowed"),
                principal, principal, ISSUER);
    }

    /** The token is read from Authorization, which the upstream then does not get (the gateway's default). */
    @Override
    public java.util.List<String> credentialHeaders() {
        return java.util.List.of("Authorization");
    }

    /** The caller named by a bearer token, or {@code ""}. */
    static String principal(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return "";
        }
        String name = authorization.substring("Bearer ".length());
        return name.matches("[a-z]+") ? name : "";
    }

    void clear() {
        principals.clear();
        paths.clear();
    }
}
