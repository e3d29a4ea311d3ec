package io.portcullis.identity.jwt;

import io.portcullis.settings.JwsAlg;
import com.nimbusds.jose.JWSVerifier;

/**
 * One trusted key, admitted by {@link KeyPolicy}, with its verifier built once. A key verifies only algorithms
 * of its own key type, only on its own curve; when its JWK declared an {@code alg}, only that algorithm's
 * family with an equal or stronger hash; and (HMAC) only when the secret is at least as long as the hash.
 *
 * @param declared the algorithm the JWK declared, or null
 */
record VerificationKey(String kid, KeyType type, String curve, JwsAlg declared, int keyBits, JWSVerifier verifier) {

    /** The JWK key types we verify with. */
    enum KeyType { RSA, EC, OKP, OCT }

    static KeyType typeFor(JwsAlg alg) {
        return switch (alg.family()) {
            case RSA_PKCS1, RSA_PSS -> KeyType.RSA;
            case ECDSA -> KeyType.EC;
            case EDDSA -> KeyType.OKP;
            case HMAC -> KeyType.OCT;
        };
    }

    boolean usableFor(JwsAlg alg) {
        if (typeFor(alg) != type) {
            return false;
        }
        if (declared != null && (declared.family() != alg.family() || alg.hashBits() < declared.hashBits())) {
            return false;
        }
        return switch (type) {
            case EC, OKP -> alg.curve().equals(curve);
            case OCT -> keyBits >= alg.hashBits();
            case RSA -> true;
        };
    }

    /** For logs: what the key is, never its material. */
    String describe() {
        return "kid=" + (kid == null ? "(none)" : kid) + ' ' + type + (curve == null ? "" : " " + curve)
                + (declared == null ? "" : " alg=" + declared) + ' ' + keyBits + " bits";
    }
}
