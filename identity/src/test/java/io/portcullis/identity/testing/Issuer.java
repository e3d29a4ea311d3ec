package io.portcullis.identity.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** A token issuer for tests: keys made at test time with Nimbus, tokens signed with them. */
public final class Issuer {

    public static final String ISS = "https://issuer.test";
    public static final String AUD = "orders-api";

    private static RSAKey sharedRsa;

    private Issuer() { }

    /** One 2048-bit RSA key per test run (generation is slow), kid "rsa-1". */
    public static synchronized RSAKey rsa() {
        if (sharedRsa == null) {
            sharedRsa = rsa("rsa-1");
        }
        return sharedRsa;
    }

    public static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ECKey ec(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String jwks(JWK... keys) {
        return new JWKSet(List.of(keys)).toString(true);
    }

    /** Claims valid around {@code now}: iss, aud, sub, iat = now, exp = now + 1h, plus extras. */
    public static JWTClaimsSet.Builder claims(Instant now) {
        return new JWTClaimsSet.Builder().issuer(ISS).audience(AUD).subject("orders-service")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)));
    }

    public static String sign(JWK key, JWSHeader header, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(JWK key, JWTClaimsSet claims) {
        JWSAlgorithm alg = key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
        return sign(key, new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), claims);
    }

    public static JWSSigner signer(JWK key) throws JOSEException {
        return key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
    }

    /** A compact JWS with this exact header JSON, signed as-is (for headers Nimbus would not build). */
    public static String signRawHeader(JWK key, JWSAlgorithm alg, String headerJson, JWTClaimsSet claims) {
        try {
            String input = b64(headerJson) + "." + b64(claims.toString());
            Base64URL sig = signer(key).sign(new JWSHeader(alg), input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + sig;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String b64(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
