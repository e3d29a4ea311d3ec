package io.portcullis.runtime;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The identity provider of the node tests: an ES256 key (kid {@code k1}) made now, whose public half is written as
 * a JWK set, signing tokens of issuer {@code https://idp.test} with a subject, groups and an account claim.
 */
final class TestIssuer {

    static final String ISSUER = "https://idp.test";

    private final ECKey key;

    /** Makes the key and writes its public half to {@code jwks}. */
    TestIssuer(Path jwks) throws JOSEException, IOException {
        key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        Files.writeString(jwks, new JWKSet(key.toPublicJWK()).toString());
    }

    /** A token issued 15 minutes before it {@code expires}. */
    String token(String audience, String sub, List<String> groups, String account, Instant expires) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").build(),
                new JWTClaimsSet.Builder().issuer(ISSUER).audience(audience).subject(sub)
                        .claim("groups", groups).claim("account", account)
                        .issueTime(Date.from(expires.minusSeconds(900))).expirationTime(Date.from(expires)).build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
