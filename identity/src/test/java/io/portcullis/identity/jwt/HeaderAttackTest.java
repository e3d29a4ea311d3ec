package io.portcullis.identity.jwt;

import static io.portcullis.identity.testing.Issuer.b64;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.portcullis.identity.testing.Issuer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Attacks through the JOSE header: unsigned tokens, critical extensions, key confusion, header-supplied keys. */
class HeaderAttackTest {

    @TempDir
    Path dir;

    private final RSAKey rsa = Issuer.rsa();
    private final ECKey ec = Issuer.ec("ec-1");

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE", "NoNe", "nONE"})
    void rejectsUnsignedTokensInEverySpellingOfNone(String none) {
        Fixture f = new Fixture(dir);
        JwtVerifier verifier = f.verifier(Issuer.jwks(rsa.toPublicJWK()), "RS256");
        String claims = b64(Issuer.claims(Fixture.NOW).build().toString());
        String real = Issuer.sign(rsa, Issuer.claims(Fixture.NOW).build());
        String realSignature = real.substring(real.lastIndexOf('.') + 1);
        for (String header : List.of("{\"alg\":\"" + none + "\"}", "{\"alg\":\"" + none + "\",\"kid\":\"rsa-1\"}")) {
            for (String signature : List.of("", realSignature)) {
                JwtResult result = verifier.verify(b64(header) + "." + claims + "." + signature);
                assertThat(result).isEqualTo(new JwtResult.Rejected(AuthFailure.ALG_NOT_ALLOWED, "alg '" + none + "'"));
            }
        }
    }

    @Test
    void rejectsASignedTokenWhoseHeaderOrPayloadStartsWithAByteOrderMark() throws Exception {
        Fixture f = new Fixture(dir);
        JwtVerifier verifier = f.verifier(Issuer.jwks(rsa.toPublicJWK()), "RS256");
        String header = "{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}";
        String claims = Issuer.claims(Fixture.NOW).build().toString();
        for (String[] parts : List.of(new String[] {header, "\uFEFF" + claims}, new String[] {"\uFEFF" + header, claims})) {
            String input = b64(parts[0]) + "." + b64(parts[1]);
            String token = input + "." + Issuer.signer(rsa).sign(new JWSHeader(JWSAlgorithm.RS256),
                    input.getBytes(StandardCharsets.US_ASCII));
            JwtResult result = verifier.verify(token);
            assertThat(result).isEqualTo(new JwtResult.Rejected(AuthFailure.TOKEN_MALFORMED,
                    (parts[0] == header ? "payload" : "header") + " starts with a UTF-8 byte-order mark"));
        }
        String input = b64(header) + "." + b64(claims);
        String plain = input + "." + Issuer.signer(rsa).sign(new JWSHeader(JWSAlgorithm.RS256),
                input.getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(plain).verified()).as("the same token without the mark verifies").isTrue();
    }

    @Test
    void refusesToConfigureNone() {
        JwtSettings.Builder b = JwtSettings.builder();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.algorithms("RS256", "none"))
                .hasMessage("algorithms[1]: 'none' (expected: one of [RS256, RS384, RS512, PS256, PS384, PS512, "
                        + "ES256, ES384, ES512, EdDSA, HS256, HS384, HS512])");
    }

    @Test
    void rejectsCriticalExtensionsItDoesNotUnderstand() throws Exception {
        Fixture f = new Fixture(dir);
        JwtVerifier verifier = f.verifier(Issuer.jwks(rsa.toPublicJWK()), "RS256");
        JWTClaimsSet claims = Issuer.claims(Fixture.NOW).build();
        JWSHeader crit = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                .criticalParams(Set.of("http://example.invalid/must-understand"))
                .customParam("http://example.invalid/must-understand", true).build();
        JwtResult result = verifier.verify(Issuer.sign(rsa, crit, claims));
        assertThat(result).isInstanceOf(JwtResult.Rejected.class);
        assertThat(((JwtResult.Rejected) result).failure()).isEqualTo(AuthFailure.CRIT_UNSUPPORTED);
        // RFC 7515 4.1.11: an empty list, or a list naming a registered header, is invalid too.
        for (String header : List.of("{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"crit\":[]}",
                "{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"crit\":[\"kid\"]}",
                "{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"crit\":[\"b64\"],\"b64\":false}")) {
            JwtResult r = verifier.verify(Issuer.signRawHeader(rsa, JWSAlgorithm.RS256, header, claims));
            assertThat(r.verified()).as(header).isFalse();
        }
        // Without crit the same key and claims verify: the header is what was refused.
        assertThat(verifier.verify(Issuer.sign(rsa, claims)).verified()).isTrue();
    }

    @Test
    void publicKeysNeverServeAsHmacSecrets() throws Exception {
        Fixture f = new Fixture(dir);
        Path secrets = f.write("secrets.json", "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"hmac-1\",\"k\":\""
                + Base64.encode(new byte[64]).toString().replace('+', '-').replace('/', '_').replace("=", "") + "\"}]}");
        JwtVerifier withHs = f.verifier(Issuer.jwks(rsa.toPublicJWK(), ec.toPublicJWK()),
                b -> b.sharedSecrets(secrets), "RS256", "ES256", "HS256");
        JwtVerifier withoutHs = f.verifier(Issuer.jwks(rsa.toPublicJWK(), ec.toPublicJWK()), "RS256", "ES256");
        JWTClaimsSet claims = Issuer.claims(Fixture.NOW).build();
        for (var key : List.of(rsa.toPublicJWK(), ec.toPublicJWK())) {
            List<byte[]> guesses = List.of(key.toJSONString().getBytes(StandardCharsets.UTF_8),
                    key instanceof RSAKey r ? r.toPublicKey().getEncoded() : ((ECKey) key).toPublicKey().getEncoded(),
                    Issuer.jwks(key).getBytes(StandardCharsets.UTF_8));
            for (byte[] secret : guesses) {
                SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(), claims);
                forged.sign(new MACSigner(secret));
                assertThat(((JwtResult.Rejected) withHs.verify(forged.serialize())).failure()).isEqualTo(AuthFailure.UNKNOWN_KID);
                assertThat(((JwtResult.Rejected) withoutHs.verify(forged.serialize())).failure()).isEqualTo(AuthFailure.ALG_NOT_ALLOWED);
                SignedJWT noKid = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
                noKid.sign(new MACSigner(secret));
                assertThat(((JwtResult.Rejected) withHs.verify(noKid.serialize())).failure()).isEqualTo(AuthFailure.BAD_SIGNATURE);
            }
        }
    }

    @Test
    void ignoresKeysAndKeyLocationsSuppliedInTheHeader() throws Exception {
        AtomicInteger fetched = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        RSAKey attacker = Issuer.rsa("rsa-1");
        byte[] attackerJwks = Issuer.jwks(attacker.toPublicJWK()).getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            fetched.incrementAndGet();
            exchange.sendResponseHeaders(200, attackerJwks.length);
            exchange.getResponseBody().write(attackerJwks);
            exchange.close();
        });
        server.start();
        try {
            URI where = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/keys");
            Fixture f = new Fixture(dir);
            JwtVerifier verifier = f.verifier(Issuer.jwks(rsa.toPublicJWK()), "RS256");
            JWTClaimsSet claims = Issuer.claims(Fixture.NOW).build();
            List<JWSHeader.Builder> headers = List.of(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").jwk(attacker.toPublicJWK()),
                    new JWSHeader.Builder(JWSAlgorithm.RS256).jwk(attacker.toPublicJWK()),
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").jwkURL(where),
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").x509CertURL(where),
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                            .x509CertChain(List.of(Base64.encode(attacker.toPublicKey().getEncoded()))));
            for (JWSHeader.Builder header : headers) {
                JwtResult forged = verifier.verify(Issuer.sign(attacker, header.build(), claims));
                assertThat(forged).as("signed by the header's key").isInstanceOf(JwtResult.Rejected.class);
                assertThat(((JwtResult.Rejected) forged).failure()).isEqualTo(AuthFailure.BAD_SIGNATURE);
                assertThat(verifier.verify(Issuer.sign(rsa, header.build(), claims)).verified())
                        .as("signed by the trusted key, header keys ignored").isTrue();
            }
            assertThat(fetched).hasValue(0);
        } finally {
            server.stop(0);
        }
    }
}
