package io.portcullis.identity.jwt;

import io.portcullis.settings.JwsAlg;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.Set;

/**
 * The JWS half of verification: strict compact syntax, the algorithm allow-list, {@code crit}, key selection
 * by {@code kid} from our trusted keys only, and the signature. Header-supplied keys ({@code jwk}, {@code jku},
 * {@code x5u}, {@code x5c}) are never read: the key always comes from configuration. HMAC algorithms look only
 * at the shared secrets and every other algorithm only at the public keys, so a public key can never be used
 * as an HMAC secret (the HS/RS and HS/EC confusion).
 */
final class JwsStage {

    /** What the JWS half found: the parsed token and key on success, or the failure and its detail. */
    record Outcome(SignedJWT jwt, JwsAlg alg, VerificationKey key, AuthFailure failure, String detail) {
        static Outcome fail(AuthFailure failure, String detail) {
            return new Outcome(null, null, null, failure, detail);
        }
    }

    private final Set<JwsAlg> allowed;
    private final KeySource publicKeys;
    private final KeySource sharedSecrets;
    private final int maxTokenLength;

    JwsStage(Set<JwsAlg> allowed, KeySource publicKeys, KeySource sharedSecrets, int maxTokenLength) {
        this.allowed = allowed;
        this.publicKeys = publicKeys;
        this.sharedSecrets = sharedSecrets;
        this.maxTokenLength = maxTokenLength;
    }

    Outcome verify(String token) {
        if (token.length() > maxTokenLength) {
            return Outcome.fail(AuthFailure.TOKEN_MALFORMED, token.length() + " chars (expected: <= " + maxTokenLength + ")");
        }
        String problem = CompactForm.problem(token);
        if (problem != null) {
            return unparsable(token, problem);
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            return unparsable(token, "not a JWS: " + e.getMessage());
        }
        JWSHeader header = jwt.getHeader();
        JwsAlg alg = JwsAlg.byName(header.getAlgorithm().getName());
        if (alg == null || !allowed.contains(alg)) {
            return Outcome.fail(AuthFailure.ALG_NOT_ALLOWED, "alg " + Texts.quote(header.getAlgorithm().getName()));
        }
        if (header.getCriticalParams() != null || !header.isBase64URLEncodePayload()) {
            return Outcome.fail(AuthFailure.CRIT_UNSUPPORTED, "crit " + header.getCriticalParams()
                    + (header.isBase64URLEncodePayload() ? "" : " b64=false"));
        }
        KeySource source = alg.symmetric() ? sharedSecrets : publicKeys;
        if (source == null) {
            return Outcome.fail(AuthFailure.ALG_NOT_ALLOWED, "alg " + alg + " has no key source");
        }
        if (!source.loaded()) {
            source.unknownKid();
            return Outcome.fail(AuthFailure.KEYS_UNAVAILABLE, "no key set loaded yet");
        }
        TrustedKeys keys = source.current();
        String kid = header.getKeyID();
        VerificationKey key;
        if (kid != null) {
            key = keys.byKid(kid);
            if (key == null) {
                source.unknownKid();
                return Outcome.fail(AuthFailure.UNKNOWN_KID, "kid " + Texts.quote(kid));
            }
            if (!key.usableFor(alg)) {
                return Outcome.fail(AuthFailure.KEY_ALG_MISMATCH, "alg " + alg + " with " + key.describe());
            }
        } else {
            key = keys.soleKeyFor(alg);
            if (key == null) {
                return Outcome.fail(AuthFailure.UNKNOWN_KID, "no kid, and not exactly one key for " + alg);
            }
        }
        try {
            if (!jwt.verify(key.verifier())) {
                return Outcome.fail(AuthFailure.BAD_SIGNATURE, alg + " with " + key.describe());
            }
        } catch (JOSEException | RuntimeException e) {
            return Outcome.fail(AuthFailure.BAD_SIGNATURE, alg + " with " + key.describe() + ": " + e.getMessage());
        }
        return new Outcome(jwt, alg, key, null, "");
    }

    /**
     * An unsigned token ({@code alg: none}, in any spelling) fails the syntax check (empty signature) or Nimbus's
     * parser; report it as a disallowed alg, which is what it is, and anything else as malformed.
     */
    private static Outcome unparsable(String token, String problem) {
        try {
            int dot = token.indexOf('.');
            String header = new Base64URL(dot < 0 ? token : token.substring(0, dot)).decodeToString();
            Object alg = JSONObjectUtils.parse(header).get("alg");
            if (alg instanceof String name && name.equalsIgnoreCase("none")) {
                return Outcome.fail(AuthFailure.ALG_NOT_ALLOWED, "alg " + Texts.quote(name));
            }
        } catch (ParseException | RuntimeException ignored) {
            // Not even a JSON header: malformed, as below.
        }
        return Outcome.fail(AuthFailure.TOKEN_MALFORMED, problem);
    }
}
