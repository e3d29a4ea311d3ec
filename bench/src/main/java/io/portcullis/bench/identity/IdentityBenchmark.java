package io.portcullis.bench.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.portcullis.decision.Decision;
import io.portcullis.identity.binding.BindSettings;
import io.portcullis.identity.binding.ClaimsBinding;
import io.portcullis.identity.binding.NetworkPosition;
import io.portcullis.identity.jwt.JwtResult;
import io.portcullis.identity.jwt.JwtSettings;
import io.portcullis.identity.jwt.JwtVerifier;
import io.portcullis.identity.jwt.SignatureCheck;
import io.portcullis.identity.jwt.VerifiedToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The identity layer's per-request cost when the token was seen before: a verified-token cache hit (SHA-256 of
 * a ~700-char RS256 token, one Caffeine lookup, a clock read), claims binding (groups, account and workload
 * claims against a workload with four groups), and both together. {@code signatureCheck} is the RS256
 * verification the cache saves, for scale.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IdentityBenchmark {

    private JwtVerifier cached;
    private JwtVerifier uncached;
    private String token;
    private VerifiedToken verified;
    private ClaimsBinding binding;
    private NetworkPosition position;
    private Path dir;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("bench-1").generate();
        dir = Files.createTempDirectory("identity-bench");
        Path jwks = Files.writeString(dir.resolve("jwks.json"), new JWKSet(key.toPublicJWK()).toString(true));
        JwtSettings.Builder settings = JwtSettings.builder().issuer("https://issuer.bench").audiences("orders-api")
                .algorithms("RS256").jwks(jwks.toString());
        cached = JwtVerifier.builder(settings.build()).build();
        uncached = JwtVerifier.builder(settings.cacheMaxEntries(0).build()).build();
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("bench-1").build(),
                new JWTClaimsSet.Builder().issuer("https://issuer.bench").audience("orders-api")
                        .subject("orders-service").issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plusSeconds(86_400)))
                        .claim("groups", List.of("sg-0a1b2c3d", "sg-trading"))
                        .claim("account", "111111111111").claim("workload", "orders")
                        .claim("scope", "orders:read orders:write").build());
        jwt.sign(new RSASSASigner(key));
        token = jwt.serialize();
        verified = ((JwtResult.Verified) cached.verify(token)).token();
        binding = new ClaimsBinding(new BindSettings("groups", "account", "workload"));
        position = new NetworkPosition("111111111111", "orders", List.of("111111111111/sg-base",
                "111111111111/sg-web", "111111111111/sg-internal", "111111111111/sg-trading"));
        if (!binding.check(verified, position, null).allowed() || !uncached.verify(token).verified()) {
            throw new IllegalStateException("benchmark fixture does not verify");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        cached.close();
        uncached.close();
        Files.deleteIfExists(dir.resolve("jwks.json"));
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public JwtResult cacheHit() {
        return cached.verify(token);
    }

    @Benchmark
    public Decision claimsBinding() {
        return binding.check(verified, position, null);
    }

    @Benchmark
    public Decision cacheHitThenBinding() {
        JwtResult r = cached.verify(token);
        return binding.check(((JwtResult.Verified) r).token(), position, null);
    }

    /** The signature check a cache hit saves (the JWS half, never cached). */
    @Benchmark
    public SignatureCheck signatureCheck() {
        return uncached.verifySignature(token);
    }
}
