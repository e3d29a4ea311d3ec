package io.portcullis.identity.jwt;

import io.portcullis.settings.JwsAlg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.portcullis.identity.testing.Issuer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registered claims with an injected clock, the verified-token cache with an injected ticker, token sources. */
class ClaimsAndCacheTest {

    @TempDir
    Path dir;

    private final RSAKey rsa = Issuer.rsa();

    private AuthFailure failure(JwtResult r) {
        assertThat(r).isInstanceOf(JwtResult.Rejected.class);
        return ((JwtResult.Rejected) r).failure();
    }

    @Test
    void enforcesExpiryNotBeforeAndIssuedAtWithTheClockSkew() {
        Fixture f = new Fixture(dir);
        JwtVerifier v = f.verifier(Issuer.jwks(rsa.toPublicJWK()), "RS256");
        Instant now = Fixture.NOW;
        String expiredWithinSkew = Issuer.sign(rsa, Issuer.claims(now).expirationTime(Date.from(now.minusSeconds(59))).build());
        String expired = Issuer.sign(rsa, Issuer.claims(now).expirationTime(Date.from(now.minusSeconds(60))).build());
        assertThat(v.verify(expiredWithinSkew).verified()).isTrue();
        assertThat(failure(v.verify(expired))).isEqualTo(AuthFailure.EXPIRED);
        String nbfWithinSkew = Issuer.sign(rsa, Issuer.claims(now).notBeforeTime(Date.from(now.plusSeconds(60))).build());
        String nbfLater = Issuer.sign(rsa, Issuer.claims(now).notBeforeTime(Date.from(now.plusSeconds(61))).build());
        assertThat(v.verify(nbfWithinSkew).verified()).isTrue();
        assertThat(failure(v.verify(nbfLater))).isEqualTo(AuthFailure.NOT_YET_VALID);
        String iatLater = Issuer.sign(rsa, Issuer.claims(now).issueTime(Date.from(now.plusSeconds(61))).build());
        assertThat(failure(v.verify(iatLater))).isEqualTo(AuthFailure.ISSUED_IN_FUTURE);
        String noExp = Issuer.sign(rsa, Issuer.claims(now).expirationTime(null).build());
        assertThat(failure(v.verify(noExp))).isEqualTo(AuthFailure.EXP_MISSING);
    }

    @Test
    void requiresTheIssuerAndOneOfTheAudiences() {
        Fixture f = new Fixture(dir);
        JwtVerifier v = f.verifier(Issuer.jwks(rsa.toPublicJWK()), "RS256");
        assertThat(v.verify(Issuer.sign(rsa, Issuer.claims(Fixture.NOW).audience(List.of("other", Issuer.AUD)).build())).verified()).isTrue();
        assertThat(v.verify(Issuer.sign(rsa, Issuer.claims(Fixture.NOW).audience("other").build())))
                .isEqualTo(new JwtResult.Rejected(AuthFailure.WRONG_AUDIENCE, "aud '[other]'"));
        assertThat(failure(v.verify(Issuer.sign(rsa, Issuer.claims(Fixture.NOW).audience((String) null).build())))).isEqualTo(AuthFailure.WRONG_AUDIENCE);
        assertThat(v.verify(Issuer.sign(rsa, Issuer.claims(Fixture.NOW).issuer("https://evil.test\n").build())))
                .isEqualTo(new JwtResult.Rejected(AuthFailure.WRONG_ISSUER, "iss 'https://evil.test?'"));
    }

    @Test
    void everyCauseIsAValueWithItsOwnReasonCode() {
        Fixture f = new Fixture(dir);
        JwtVerifier v = f.verifier(Issuer.jwks(rsa.toPublicJWK()), "RS256");
        assertThat(failure(v.verify(""))).isEqualTo(AuthFailure.TOKEN_MISSING);
        assertThat(failure(v.verify("a.b"))).isEqualTo(AuthFailure.TOKEN_MALFORMED);
        assertThat(failure(v.verify("é.b.c"))).isEqualTo(AuthFailure.TOKEN_MALFORMED);
        assertThat(failure(v.verify(Issuer.sign(Issuer.rsa("rsa-2"), Issuer.claims(Fixture.NOW).build())))).isEqualTo(AuthFailure.UNKNOWN_KID);
        String good = Issuer.sign(rsa, Issuer.claims(Fixture.NOW).build());
        String tampered = good.substring(0, good.length() - 4) + (good.endsWith("AAAA") ? "BBBA" : "AAAA");
        assertThat(failure(v.verify(tampered))).isEqualTo(AuthFailure.BAD_SIGNATURE);
        String notClaims = Issuer.signRawHeader(rsa, JWSAlgorithm.RS256, "{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}",
                new JWTClaimsSet.Builder().build()).replaceFirst("\\.[^.]*\\.", "." + Issuer.b64("[1]") + ".");
        assertThat(failure(v.verify(notClaims))).isIn(AuthFailure.BAD_SIGNATURE, AuthFailure.TOKEN_MALFORMED);
        assertThat(AuthFailure.EXPIRED.decision("x").reason().toString()).isEqualTo("identity/expired");
        assertThat(java.util.Arrays.stream(AuthFailure.values()).map(AuthFailure::code).distinct()).hasSize(AuthFailure.values().length);
    }

    @Test
    void aRepeatedTokenIsServedFromTheCacheUntilItExpires() {
        Fixture f = new Fixture(dir);
        JwtVerifier v = f.verifier(Issuer.jwks(rsa.toPublicJWK()), "RS256");
        String token = Issuer.sign(rsa, Issuer.claims(Fixture.NOW).expirationTime(Date.from(Fixture.NOW.plusSeconds(120))).build());
        JwtResult first = v.verify(token);
        assertThat(first.verified()).isTrue();
        assertThat(v.verify(token)).isSameAs(first);
        assertThat(v.cachedTokens()).isEqualTo(1);
        f.time.advance(Duration.ofSeconds(179));
        assertThat(v.verify(token)).isSameAs(first);
        f.time.advance(Duration.ofSeconds(1));
        assertThat(failure(v.verify(token))).isEqualTo(AuthFailure.EXPIRED);
        assertThat(v.cachedTokens()).isZero();
    }

    @Test
    void theCacheIsBounded() {
        Fixture f = new Fixture(dir);
        JwtVerifier v = f.verifier(Issuer.jwks(rsa.toPublicJWK()), b -> b.cacheMaxEntries(8), "RS256");
        for (int i = 0; i < 50; i++) {
            assertThat(v.verify(Issuer.sign(rsa, Issuer.claims(Fixture.NOW).jwtID("t" + i).build())).verified()).isTrue();
        }
        assertThat(v.cachedTokens()).isLessThanOrEqualTo(8);
    }

    @Test
    void verifiedTokensCarryTheirClaimsAsJsonValues() {
        Fixture f = new Fixture(dir);
        JwtVerifier v = f.verifier(Issuer.jwks(rsa.toPublicJWK()), "RS256");
        JwtResult r = v.verify(Issuer.sign(rsa, Issuer.claims(Fixture.NOW).claim("groups", List.of("sg-1", "sg-2"))
                .claim("account", "111111111111").build()));
        VerifiedToken t = ((JwtResult.Verified) r).token();
        assertThat(t.subject()).isEqualTo("orders-service");
        assertThat(t.keyId()).isEqualTo("rsa-1");
        assertThat(t.algorithm()).isEqualTo(JwsAlg.RS256);
        assertThat(t.strings("groups")).containsExactly("sg-1", "sg-2");
        assertThat(t.strings("account")).containsExactly("111111111111");
        assertThat(t.claim("exp")).isEqualTo(Fixture.NOW.getEpochSecond() + 3600);
    }

    @Test
    void verifiesEd25519WithTheJdkProvider() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] spki = pair.getPublic().getEncoded();
        byte[] x = java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        String jwk = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"ed-1\",\"x\":\""
                + com.nimbusds.jose.util.Base64URL.encode(x) + "\"}";
        Fixture f = new Fixture(dir);
        JwtVerifier v = f.verifier("{\"keys\":[" + jwk + "]}", "EdDSA");
        String input = Issuer.b64("{\"alg\":\"EdDSA\",\"kid\":\"ed-1\"}") + "." + Issuer.b64(Issuer.claims(Fixture.NOW).build().toString());
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(pair.getPrivate());
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        String token = input + "." + com.nimbusds.jose.util.Base64URL.encode(signer.sign());
        assertThat(v.verify(token).verified()).isTrue();
        assertThat(failure(v.verify(input + "." + com.nimbusds.jose.util.Base64URL.encode(new byte[64])))).isEqualTo(AuthFailure.BAD_SIGNATURE);
    }

    @Test
    void readsTheBearerTokenOrANamedHeader() {
        Fixture f = new Fixture(dir);
        JwtVerifier bearer = f.verifier(Issuer.jwks(rsa.toPublicJWK()), "RS256");
        String token = Issuer.sign(rsa, Issuer.claims(Fixture.NOW).build());
        assertThat(bearer.authenticate(Map.of("Authorization", "bearer  " + token)::get).verified()).isTrue();
        assertThat(failure(bearer.authenticate(Map.<String, String>of()::get))).isEqualTo(AuthFailure.TOKEN_MISSING);
        assertThat(failure(bearer.authenticate(Map.of("Authorization", "Basic dXNlcjpwYXNz")::get))).isEqualTo(AuthFailure.TOKEN_MISSING);
        assertThat(failure(bearer.authenticate(Map.of("Authorization", "Bearer ")::get))).isEqualTo(AuthFailure.TOKEN_MALFORMED);
        assertThat(failure(bearer.authenticate(Map.of("Authorization", "Bearertoken")::get))).isEqualTo(AuthFailure.TOKEN_MISSING);
        JwtVerifier named = f.verifier(Issuer.jwks(rsa.toPublicJWK()),
                b -> b.tokenSource(TokenSource.namedHeader("X-Portcullis-Token")), "RS256");
        assertThat(named.authenticate(Map.of("X-Portcullis-Token", token)::get).verified()).isTrue();
        assertThat(failure(named.authenticate(Map.of("Authorization", "Bearer " + token)::get))).isEqualTo(AuthFailure.TOKEN_MISSING);
    }

    @Test
    void settingsSayWhatWasWrongAndWhatWasExpected() {
        assertThatThrownBy(() -> JwtSettings.builder().issuer("i").audiences("a").algorithms("HS256").build())
                .hasMessage("algorithms: [HS256] (expected: sharedSecrets set when an HS algorithm is allowed)");
        assertThatThrownBy(() -> JwtSettings.builder().issuer("i").audiences("a").algorithms("RS256").build())
                .hasMessage("jwks: none (expected: a file path or https URL when [RS256] is allowed)");
        assertThatThrownBy(() -> JwtSettings.builder().jwks("http://issuer/keys"))
                .hasMessage("jwks: 'http://issuer/keys' (expected: an https URL or a file path)");
        assertThatThrownBy(() -> JwtSettings.builder().issuer("i").audiences("a").algorithms("RS256").jwks("k.json")
                .clockSkew(Duration.ofMinutes(6)).build()).hasMessage("clockSkew: PT6M (expected: 0s..5m)");
        assertThatThrownBy(() -> JwtSettings.builder().algorithms("rs256"))
                .hasMessageStartingWith("algorithms[0]: 'rs256' (expected: one of [RS256,");
        assertThatThrownBy(() -> TokenSource.namedHeader("X Token"))
                .hasMessage("header: 'X Token' (expected: an HTTP header name)");
    }

    @Test
    void keysDeclaredForOneAlgorithmDoNotVerifyAWeakerOne() throws Exception {
        RSAKey ps512 = new RSAKey.Builder(rsa).algorithm(JWSAlgorithm.PS512).build();
        Fixture f = new Fixture(dir);
        JwtVerifier v = f.verifier(Issuer.jwks(ps512.toPublicJWK()), "PS256", "PS512", "RS256");
        JWTClaimsSet claims = Issuer.claims(Fixture.NOW).build();
        assertThat(v.verify(Issuer.sign(ps512, new JWSHeader.Builder(JWSAlgorithm.PS512).keyID("rsa-1").build(), claims)).verified()).isTrue();
        assertThat(failure(v.verify(Issuer.sign(ps512, new JWSHeader.Builder(JWSAlgorithm.PS256).keyID("rsa-1").build(), claims))))
                .isEqualTo(AuthFailure.KEY_ALG_MISMATCH);
        assertThat(failure(v.verify(Issuer.sign(ps512, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(), claims))))
                .isEqualTo(AuthFailure.KEY_ALG_MISMATCH);
    }
}
