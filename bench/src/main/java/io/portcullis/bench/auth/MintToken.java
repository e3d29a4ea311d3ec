package io.portcullis.bench.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * For load tests: makes an ES256 key, writes its public half to {@code DIR/jwks.json}, and prints one token for
 * {@code SUB} (issuer {@code https://idp.bench}, audience {@code bench}, account 111111111111, the given groups),
 * valid for two hours. The private key is never written.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.portcullis.bench.auth.MintToken DIR SUB GROUP...</pre>
 */
public final class MintToken {

    private MintToken() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: MintToken DIR SUB [GROUP...]");
            System.exit(2);
        }
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("bench").generate();
        Files.createDirectories(Path.of(args[0]));
        Files.writeString(Path.of(args[0], "jwks.json"), new JWKSet(key.toPublicJWK()).toString());
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("bench").build(),
                new JWTClaimsSet.Builder().issuer("https://idp.bench").audience("bench").subject(args[1])
                        .claim("groups", List.of(args).subList(2, args.length)).claim("account", "111111111111")
                        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(7200))).build());
        jwt.sign(new ECDSASigner(key));
        System.out.println(jwt.serialize());
    }
}
