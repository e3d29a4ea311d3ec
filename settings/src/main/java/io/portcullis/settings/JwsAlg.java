package io.portcullis.settings;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The JWS algorithms Portcullis can accept, each with its signature family, hash size and (for ECDSA) the one
 * curve it may be used with. {@code none} is not here, so it cannot be configured or matched in any spelling.
 */
public enum JwsAlg {
    RS256(Family.RSA_PKCS1, 256, null), RS384(Family.RSA_PKCS1, 384, null), RS512(Family.RSA_PKCS1, 512, null),
    PS256(Family.RSA_PSS, 256, null), PS384(Family.RSA_PSS, 384, null), PS512(Family.RSA_PSS, 512, null),
    ES256(Family.ECDSA, 256, "P-256"), ES384(Family.ECDSA, 384, "P-384"), ES512(Family.ECDSA, 512, "P-521"),
    EdDSA(Family.EDDSA, 512, "Ed25519"),
    HS256(Family.HMAC, 256, null), HS384(Family.HMAC, 384, null), HS512(Family.HMAC, 512, null);

    /** A signature family: keys of one family never verify another family's algorithms. */
    public enum Family { RSA_PKCS1, RSA_PSS, ECDSA, EDDSA, HMAC }

    private static final Map<String, JwsAlg> BY_NAME =
            Stream.of(values()).collect(Collectors.toUnmodifiableMap(JwsAlg::name, Function.identity()));

    private final Family family;
    private final int hashBits;
    private final String curve;

    JwsAlg(Family family, int hashBits, String curve) {
        this.family = family;
        this.hashBits = hashBits;
        this.curve = curve;
    }

    public Family family() {
        return family;
    }

    public int hashBits() {
        return hashBits;
    }

    /** The curve an ECDSA or EdDSA key must be on for this algorithm, or null. */
    public String curve() {
        return curve;
    }

    public boolean symmetric() {
        return family == Family.HMAC;
    }

    /** The algorithm with exactly this JWA name (names are case-sensitive), or null. */
    public static JwsAlg byName(String name) {
        return name == null ? null : BY_NAME.get(name);
    }

    /**
     * The algorithm a JWK's {@code alg} member declares, or null. Accepts {@code ES521} for ES512: the name is a
     * common misspelling (it names the curve size) and appears in published key sets, including RFC 7520's
     * examples as Wycheproof packages them; the curve check still applies.
     */
    public static JwsAlg declaredBy(String name) {
        return "ES521".equals(name) ? ES512 : byName(name);
    }
}
