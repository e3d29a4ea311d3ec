package io.portcullis.identity.jwt;

import io.portcullis.settings.JwsAlg;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.util.Set;

/**
 * Decides whether one JWK may become a trusted verification key. Rejected: keys for encryption ({@code use},
 * {@code key_ops}), private key material in a public set, an {@code alg} that is not a JWS signature algorithm
 * or contradicts the key (family, curve), RSA below 2048 bits or with a bad exponent or the ROCA fingerprint,
 * EC curves other than P-256/384/521 (points must lie on the curve; Nimbus checks that when parsing), OKP other
 * than Ed25519, and HMAC secrets shorter than 256 bits or than the hash their {@code alg} names.
 */
final class KeyPolicy {

    static final int MIN_RSA_BITS = 2048;
    private static final Set<Curve> EC_CURVES = Set.of(Curve.P_256, Curve.P_384, Curve.P_521);

    /** Why a key was refused; the message names the rule and never contains key material. */
    static final class KeyRejected extends Exception {
        KeyRejected(String message) {
            super(message, null, false, false);
        }
    }

    private KeyPolicy() { }

    static VerificationKey admit(JWK jwk, boolean symmetricSet) throws KeyRejected {
        if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
            throw new KeyRejected("use '" + jwk.getKeyUse().identifier() + "' (expected: sig)");
        }
        if (jwk.getKeyOperations() != null && !jwk.getKeyOperations().contains(KeyOperation.VERIFY)) {
            throw new KeyRejected("key_ops " + jwk.getKeyOperations() + " (expected: to include verify)");
        }
        boolean symmetric = jwk instanceof OctetSequenceKey;
        if (symmetric != symmetricSet) {
            throw new KeyRejected(symmetric
                    ? "a symmetric key in a public key set (expected: HMAC secrets only in sharedSecrets)"
                    : "kty " + jwk.getKeyType() + " in sharedSecrets (expected: oct)");
        }
        if (!symmetric && jwk.isPrivate()) {
            throw new KeyRejected("private key material in a public key set (expected: public keys only)");
        }
        JwsAlg declared = null;
        if (jwk.getAlgorithm() != null) {
            declared = JwsAlg.declaredBy(jwk.getAlgorithm().getName());
            if (declared == null) {
                throw new KeyRejected("alg '" + jwk.getAlgorithm().getName() + "' (expected: a JWS signature algorithm)");
            }
        }
        try {
            if (jwk instanceof RSAKey rsa) {
                return rsa(rsa, declared);
            }
            if (jwk instanceof ECKey ec) {
                return ec(ec, declared);
            }
            if (jwk instanceof OctetKeyPair okp) {
                return okp(okp, declared);
            }
            if (jwk instanceof OctetSequenceKey oct) {
                return oct(oct, declared);
            }
            throw new KeyRejected("kty " + jwk.getKeyType() + " (expected: RSA, EC, OKP or oct)");
        } catch (JOSEException | GeneralSecurityException e) {
            throw new KeyRejected("unusable key: " + e.getMessage());
        }
    }

    private static VerificationKey rsa(RSAKey rsa, JwsAlg declared) throws KeyRejected, JOSEException {
        if (declared != null && VerificationKey.typeFor(declared) != VerificationKey.KeyType.RSA) {
            throw new KeyRejected("alg " + declared + " on an RSA key (expected: RS* or PS*)");
        }
        BigInteger n = rsa.getModulus().decodeToBigInteger();
        BigInteger e = rsa.getPublicExponent().decodeToBigInteger();
        if (n.bitLength() < MIN_RSA_BITS) {
            throw new KeyRejected("RSA modulus " + n.bitLength() + " bits (expected: >= " + MIN_RSA_BITS + ")");
        }
        if (!n.testBit(0) || !e.testBit(0) || e.compareTo(BigInteger.valueOf(3)) < 0 || e.compareTo(n) >= 0) {
            throw new KeyRejected("RSA exponent " + e + " (expected: odd, >= 3 and below the odd modulus)");
        }
        if (RocaFingerprint.matches(n)) {
            throw new KeyRejected("RSA modulus has the ROCA fingerprint, CVE-2017-15361 (expected: a sound key)");
        }
        return new VerificationKey(rsa.getKeyID(), VerificationKey.KeyType.RSA, null, declared, n.bitLength(),
                new RSASSAVerifier(rsa.toRSAPublicKey()));
    }

    private static VerificationKey ec(ECKey ec, JwsAlg declared) throws KeyRejected, JOSEException {
        if (!EC_CURVES.contains(ec.getCurve())) {
            throw new KeyRejected("curve " + ec.getCurve() + " (expected: P-256, P-384 or P-521)");
        }
        String curve = ec.getCurve().getName();
        if (declared != null && !curve.equals(declared.curve())) {
            throw new KeyRejected("alg " + declared + " on a " + curve + " key (expected: " + forCurve(curve) + ")");
        }
        return new VerificationKey(ec.getKeyID(), VerificationKey.KeyType.EC, curve, declared,
                ec.getCurve().toECParameterSpec().getOrder().bitLength(), new ECDSAVerifier(ec.toECPublicKey()));
    }

    private static VerificationKey okp(OctetKeyPair okp, JwsAlg declared)
            throws KeyRejected, GeneralSecurityException {
        if (!Curve.Ed25519.equals(okp.getCurve())) {
            throw new KeyRejected("OKP curve " + okp.getCurve() + " (expected: Ed25519)");
        }
        if (declared != null && declared != JwsAlg.EdDSA) {
            throw new KeyRejected("alg " + declared + " on an Ed25519 key (expected: EdDSA)");
        }
        return new VerificationKey(okp.getKeyID(), VerificationKey.KeyType.OKP, "Ed25519", declared, 256,
                new Ed25519Verifier(okp.getX().decode()));
    }

    private static VerificationKey oct(OctetSequenceKey oct, JwsAlg declared) throws KeyRejected, JOSEException {
        if (declared != null && declared.family() != JwsAlg.Family.HMAC) {
            throw new KeyRejected("alg " + declared + " on an oct key (expected: HS256, HS384 or HS512)");
        }
        int bits = oct.getKeyValue().decode().length * 8;
        int needed = Math.max(256, declared == null ? 0 : declared.hashBits());
        if (bits < needed) {
            throw new KeyRejected("HMAC secret " + bits + " bits (expected: >= " + needed + ")");
        }
        return new VerificationKey(oct.getKeyID(), VerificationKey.KeyType.OCT, null, declared, bits,
                new MACVerifier(oct.getKeyValue().decode()));
    }

    private static String forCurve(String curve) {
        for (JwsAlg alg : JwsAlg.values()) {
            if (alg.family() == JwsAlg.Family.ECDSA && curve.equals(alg.curve())) {
                return alg.name();
            }
        }
        return "none";
    }

}
