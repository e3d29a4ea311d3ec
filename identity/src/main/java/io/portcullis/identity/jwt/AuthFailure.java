package io.portcullis.identity.jwt;

import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;

/**
 * Why a token was not accepted. Each cause has its own reason code for logs, metrics and the audit log; the
 * gateway answers all of them with the same 401, so the code never reaches the client.
 */
public enum AuthFailure {
    /** No token where the settings say to read it (and no other credential stood in). */
    TOKEN_MISSING("token-missing"),
    /** Not a compact JWS, not ASCII, too long, or a payload that is not a JSON claims set. */
    TOKEN_MALFORMED("token-malformed"),
    /** The header's {@code alg} is not in the allow-list (this includes {@code none} in every spelling). */
    ALG_NOT_ALLOWED("alg-not-allowed"),
    /** The header lists a {@code crit} extension we do not understand, or asks for an unencoded payload. */
    CRIT_UNSUPPORTED("crit-unsupported"),
    /** No trusted key has the token's {@code kid} (or, without a kid, no single key fits). */
    UNKNOWN_KID("unknown-kid"),
    /** The key named by {@code kid} is not usable with the token's {@code alg} (family, curve, hash or size). */
    KEY_ALG_MISMATCH("key-alg-mismatch"),
    /** No verification keys are loaded yet (remote JWKS unreachable since start). */
    KEYS_UNAVAILABLE("keys-unavailable"),
    /** The signature does not verify with the selected key. */
    BAD_SIGNATURE("bad-signature"),
    /** The token has no {@code exp} claim; every accepted token must expire. */
    EXP_MISSING("exp-missing"),
    /** {@code exp} is in the past (beyond the clock skew). */
    EXPIRED("expired"),
    /** {@code nbf} is in the future (beyond the clock skew). */
    NOT_YET_VALID("not-yet-valid"),
    /** {@code iat} is in the future (beyond the clock skew). */
    ISSUED_IN_FUTURE("issued-in-future"),
    /** {@code iss} is not the configured issuer. */
    WRONG_ISSUER("wrong-issuer"),
    /** {@code aud} names none of the configured audiences. */
    WRONG_AUDIENCE("wrong-audience");

    private final Reason reason;

    AuthFailure(String code) {
        this.reason = new Reason(Layer.IDENTITY, code);
    }

    public Reason reason() {
        return reason;
    }

    public String code() {
        return reason.code();
    }

    /** The denial for this cause; {@code detail} is for operators only and never contains the token. */
    public Decision decision(String detail) {
        return Decision.deny(reason, "auth.jwt", detail);
    }
}
