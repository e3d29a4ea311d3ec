package io.portcullis.identity.jwt;

import io.portcullis.settings.JwsAlg;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Configures a real verifier from a Wycheproof key (set), through files as an operator would. */
final class Vectors {

    /** A verifier, or the reason the configuration itself was refused (which rejects every token). */
    record Configured(JwtVerifier verifier, String refusal) {
        boolean accepts(String token) {
            return verifier != null && verifier.verifySignature(token).passed();
        }

        String explain(String token) {
            return verifier == null ? "configuration refused: " + refusal : verifier.verifySignature(token).toString();
        }
    }

    private Vectors() { }

    static Configured configure(Path dir, List<Map<String, Object>> keys) throws Exception {
        Files.createDirectories(dir);
        boolean allOct = keys.stream().allMatch(k -> "oct".equals(k.get("kty")));
        Path secrets = dir.resolve("secrets.json");
        Path jwks = dir.resolve("jwks.json");
        String unrelatedSecret = "{\"keys\":[" + new OctetSequenceKeyGenerator(512).keyID("unrelated-secret")
                .generate().toJSONString() + "]}";
        String unrelatedPublic = "{\"keys\":[" + new ECKeyGenerator(Curve.P_256).keyID("unrelated-ec")
                .generate().toPublicJWK().toJSONString() + "]}";
        String given = JSONObjectUtils.toJSONString(Map.of("keys", keys));
        Files.writeString(secrets, allOct ? given : unrelatedSecret);
        Files.writeString(jwks, allOct ? unrelatedPublic : given);
        JwtSettings settings = JwtSettings.builder().issuer("https://issuer.test").audiences("api")
                .algorithms(List.of(JwsAlg.values())).jwks(jwks.toString()).sharedSecrets(secrets).build();
        try {
            return new Configured(JwtVerifier.builder(settings).build(), null);
        } catch (IllegalArgumentException refused) {
            return new Configured(null, refused.getMessage());
        }
    }
}
