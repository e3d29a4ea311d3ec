package io.portcullis.gateway.auth;

import static java.util.Objects.requireNonNull;

import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;

/**
 * What a {@link RequestAuthorizer} decided about one request.
 *
 * <p>The decision's layer is {@link Layer#IDENTITY} (who the caller is: token, certificate, binding to the
 * network source) or {@link Layer#POLICY} (what the caller may do); its {@code decidedBy} names the rule or policy
 * statement that decided. A denial carries the status the client gets, {@code 401} (no valid identity; answered
 * with {@code WWW-Authenticate: Bearer}) or {@code 403}; an allow carries {@code 0}. The principal, token subject
 * and issuer are identifiers for the audit log and access log ({@code ""} when none was established); the
 * token itself never goes here.
 *
 * @param decision the verdict, reason and deciding rule
 * @param status {@code 401} or {@code 403} for a denial, {@code 0} for an allow
 * @param principal who the caller is (for example a SPIFFE id or the token's subject), or {@code ""}
 * @param subject the verified token's {@code sub}, or {@code ""}
 * @param issuer the verified token's {@code iss}, or {@code ""}
 * @param location where the source address was found, when the decision used that (the databases that said so
 *        and their build times), or {@code ""}: recorded in the audit log
 */
public record Authorization(Decision decision, int status, String principal, String subject, String issuer,
                            String location) {

    /** The authorization of an API without an authorizer: allowed, no principal. */
    public static final Authorization NOT_REQUIRED = new Authorization(
            Decision.allow(AuthReasons.NO_AUTHORIZER, "", "the API has no authorizer"), 0, "", "", "");

    public Authorization {
        requireNonNull(decision, "decision");
        requireNonNull(principal, "principal");
        requireNonNull(subject, "subject");
        requireNonNull(issuer, "issuer");
        requireNonNull(location, "location");
        Layer layer = decision.layer();
        if (layer != Layer.IDENTITY && layer != Layer.POLICY) {
            throw new IllegalArgumentException("decision.layer: " + layer + " (expected: IDENTITY or POLICY)");
        }
        if (decision.allowed() ? status != 0 : status != 401 && status != 403) {
            throw new IllegalArgumentException("status: " + status + " (expected: "
                    + (decision.allowed() ? "0 for an allow" : "401 or 403 for a denial") + ")");
        }
    }

    /** An authorization that used no location. */
    public Authorization(Decision decision, int status, String principal, String subject, String issuer) {
        this(decision, status, principal, subject, issuer, "");
    }

    /** This authorization with where the source was found ({@code location}). */
    public Authorization withLocation(String where) {
        return new Authorization(decision, status, principal, subject, issuer, where);
    }

    /** An allow with the identity it established. */
    public static Authorization allow(Decision decision, String principal, String subject, String issuer) {
        return new Authorization(decision, 0, principal, subject, issuer);
    }

    /** A denial answered with {@code 401 Unauthorized}: no valid identity. */
    public static Authorization unauthenticated(Decision decision) {
        return new Authorization(decision, 401, "", "", "");
    }

    /** A denial answered with {@code 403 Forbidden}, keeping the identity that was established, if any. */
    public static Authorization forbidden(Decision decision, String principal, String subject, String issuer) {
        return new Authorization(decision, 403, principal, subject, issuer);
    }

    /** The fail-closed denial when the authorizer failed. */
    static Authorization failed(String detail) {
        return new Authorization(Decision.deny(AuthReasons.AUTHORIZER_ERROR, "authorizer", detail), 403, "", "", "");
    }

    public boolean allowed() {
        return decision.allowed();
    }

    /**
     * Runs an authorizer on the facts, turning an exception or a {@code null} answer into a 403 denial with reason
     * {@link AuthReasons#AUTHORIZER_ERROR}.
     */
    public static Authorization decide(RequestAuthorizer authorizer, RequestFacts facts) {
        Authorization result;
        try {
            result = authorizer.authorize(facts);
        } catch (RuntimeException e) {
            return failed("authorizer threw " + e);
        }
        return result != null ? result : failed("authorizer returned null");
    }
}
