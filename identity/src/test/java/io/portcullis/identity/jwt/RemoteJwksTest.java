package io.portcullis.identity.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import io.portcullis.identity.testing.Issuer;
import io.portcullis.identity.testing.JwksServer;
import io.portcullis.testing.FakeTime;
import io.portcullis.testing.TestPki;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A remote JWKS over real HTTPS on loopback: first load, rotation under concurrent load, kid floods, outages. */
class RemoteJwksTest {

    @TempDir
    static Path dir;

    static TestPki pki;
    static SSLContext serverTls;
    static RSAKey keyA;
    static RSAKey keyB;
    static ExecutorService pool;

    private final FakeTime time = new FakeTime(Fixture.NOW);

    @BeforeAll
    static void setUp() throws Exception {
        pki = new TestPki(dir);
        serverTls = pki.serverContext(pki.server());
        keyA = Issuer.rsa();
        keyB = Issuer.rsa("rsa-2");
        pool = Executors.newFixedThreadPool(4);
    }

    @AfterAll
    static void tearDown() {
        pool.shutdownNow();
    }

    private JwtVerifier verifier(JwksServer server, Duration refresh) throws Exception {
        JwtSettings settings = JwtSettings.builder().issuer(Issuer.ISS).audiences(Issuer.AUD).algorithms("RS256")
                .jwks(server.url()).jwksRefresh(refresh).jwksMinRefreshGap(Duration.ofSeconds(30))
                .jwksTimeout(Duration.ofSeconds(3)).build();
        return JwtVerifier.builder(settings).clock(time.clock()).ticker(time.ticker()::read)
                .sslContext(pki.clientContext(null)).build();
    }

    private String token(RSAKey key, int n) {
        return Issuer.sign(key, Issuer.claims(Fixture.NOW).jwtID(key.getKeyID() + "-" + n).build());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void rotatesKeysUnderConcurrentLoad() throws Exception {
        try (JwksServer server = new JwksServer(serverTls, Issuer.jwks(keyA.toPublicJWK()));
             JwtVerifier verifier = verifier(server, Duration.ofHours(1))) {
            assertThat(server.requests()).isEqualTo(1);
            List<String> tokensA = new ArrayList<>();
            List<String> tokensB = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                tokensA.add(token(keyA, i));
                tokensB.add(token(keyB, i));
            }
            Set<AuthFailure> failuresA = ConcurrentHashMap.newKeySet();
            Set<AuthFailure> failuresB = ConcurrentHashMap.newKeySet();
            AtomicBoolean bSeen = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            List<Future<?>> load = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                load.add(pool.submit(() -> {
                    for (int i = offset; !stop.get(); i++) {
                        JwtResult a = verifier.verify(tokensA.get(i % tokensA.size()));
                        if (a instanceof JwtResult.Rejected r) {
                            failuresA.add(r.failure());
                        }
                        JwtResult b = verifier.verify(tokensB.get(i % tokensB.size()));
                        if (b instanceof JwtResult.Rejected r) {
                            failuresB.add(r.failure());
                        } else {
                            bSeen.set(true);
                        }
                    }
                    return null;
                }));
            }
            Thread.sleep(100);
            assertThat(bSeen).isFalse();
            // The issuer publishes B beside A; after the refresh gap an unknown kid fetches it.
            server.serve(Issuer.jwks(keyA.toPublicJWK(), keyB.toPublicJWK()));
            time.advance(Duration.ofSeconds(31));
            await(bSeen::get);
            assertThat(failuresA).as("A stays valid while it is published").isEmpty();
            assertThat(failuresB).containsOnly(AuthFailure.UNKNOWN_KID);
            stop.set(true);
            for (Future<?> f : load) {
                f.get(10, TimeUnit.SECONDS);
            }
            // Every B token now verifies on every thread; requests to the issuer stayed at two.
            tokensB.forEach(t -> assertThat(verifier.verify(t).verified()).isTrue());
            assertThat(server.requests()).isEqualTo(2);
            // A is withdrawn; once fetched, cached A tokens die with it.
            String cachedA = tokensA.get(0);
            assertThat(verifier.verify(cachedA).verified()).isTrue();
            server.serve(Issuer.jwks(keyB.toPublicJWK()));
            time.advance(Duration.ofSeconds(31));
            verifier.verify(Issuer.sign(Issuer.rsa("rsa-3"), Issuer.claims(Fixture.NOW).build()));
            await(() -> !verifier.verify(cachedA).verified());
            assertThat(((JwtResult.Rejected) verifier.verify(cachedA)).failure()).isEqualTo(AuthFailure.UNKNOWN_KID);
            assertThat(verifier.verify(tokensB.get(0)).verified()).isTrue();
            assertThat(server.requests()).isEqualTo(3);
        }
    }

    @Test
    void aFloodOfRandomKidsNeitherHammersTheIssuerNorStallsRequests() throws Exception {
        try (JwksServer server = new JwksServer(serverTls, Issuer.jwks(keyA.toPublicJWK()));
             JwtVerifier verifier = verifier(server, Duration.ofHours(1))) {
            server.delay(1_000);
            List<String> flood = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                flood.add(Issuer.sign(keyA, new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.RS256)
                        .keyID(UUID.randomUUID().toString()).build(), Issuer.claims(Fixture.NOW).build()));
            }
            for (int round = 0; round < 3; round++) {
                time.advance(Duration.ofSeconds(31));
                List<Future<Long>> slowest = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    slowest.add(pool.submit(() -> {
                        long worst = 0;
                        for (String token : flood) {
                            long start = System.nanoTime();
                            JwtResult r = verifier.verify(token);
                            worst = Math.max(worst, System.nanoTime() - start);
                            assertThat(((JwtResult.Rejected) r).failure()).isEqualTo(AuthFailure.UNKNOWN_KID);
                        }
                        return worst;
                    }));
                }
                for (Future<Long> f : slowest) {
                    assertThat(Duration.ofNanos(f.get(30, TimeUnit.SECONDS)))
                            .as("no request waits for the (1 s) JWKS fetch").isLessThan(Duration.ofMillis(500));
                }
                int expected = round + 2;
                await(() -> server.requests() >= expected);
                Thread.sleep(1_200); // the slow fetch completes; until then a miss cannot start another
            }
            assertThat(server.requests()).as("one initial fetch, then one per elapsed refresh gap").isEqualTo(4);
            assertThat(verifier.verify(token(keyA, 0)).verified()).isTrue();
        }
    }

    @Test
    void anUnreachableOrBrokenIssuerFailsClosedAndKeepsKnownKeys() throws Exception {
        try (JwksServer server = new JwksServer(serverTls, "not json")) {
            try (JwtVerifier verifier = verifier(server, Duration.ofHours(1))) {
                JwtResult r = verifier.verify(token(keyA, 0));
                assertThat(((JwtResult.Rejected) r).failure()).isEqualTo(AuthFailure.KEYS_UNAVAILABLE);
            }
            server.serve(Issuer.jwks(keyA.toPublicJWK()));
            try (JwtVerifier verifier = verifier(server, Duration.ofHours(1))) {
                assertThat(verifier.verify(token(keyA, 1)).verified()).isTrue();
                server.status(500);
                time.advance(Duration.ofSeconds(31));
                int before = server.requests();
                verifier.verify(token(keyB, 1));
                await(() -> server.requests() > before);
                Thread.sleep(100);
                assertThat(verifier.verify(token(keyA, 2)).verified()).as("previous keys kept").isTrue();
            }
        }
    }

    @Test
    void refusesAnIssuerWhoseCertificateItDoesNotTrust() throws Exception {
        TestPki other = new TestPki(dir.resolve("other"));
        try (JwksServer server = new JwksServer(other.serverContext(other.server()), Issuer.jwks(keyA.toPublicJWK()));
             JwtVerifier verifier = verifier(server, Duration.ofHours(1))) {
            assertThat(((JwtResult.Rejected) verifier.verify(token(keyA, 0))).failure())
                    .isIn(EnumSet.of(AuthFailure.KEYS_UNAVAILABLE));
        }
    }

    @Test
    void refreshesOnSchedule() throws Exception {
        try (JwksServer server = new JwksServer(serverTls, Issuer.jwks(keyA.toPublicJWK()));
             JwtVerifier verifier = verifier(server, Duration.ofSeconds(1))) {
            server.serve(Issuer.jwks(keyA.toPublicJWK(), keyB.toPublicJWK()));
            await(() -> server.requests() >= 2);
            await(() -> verifier.verify(token(keyB, 0)).verified());
        }
    }
}
