package io.portcullis.identity.jwt;

import io.portcullis.identity.testing.Issuer;
import io.portcullis.testing.FakeTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/** A verifier over local key files, with fake time, for tests of the verifier's rules. */
final class Fixture {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    final FakeTime time = new FakeTime(NOW);
    final Path dir;

    Fixture(Path dir) {
        this.dir = dir;
    }

    /** Settings with the issuer's audience, 60 s skew, the given JWKS document and algorithms. */
    JwtSettings.Builder settings(String jwksJson, String... algorithms) {
        return JwtSettings.builder().issuer(Issuer.ISS).audiences(Issuer.AUD).algorithms(algorithms)
                .clockSkew(Duration.ofSeconds(60)).jwks(write("jwks.json", jwksJson).toString());
    }

    JwtVerifier verifier(JwtSettings.Builder settings) {
        return JwtVerifier.builder(settings.build()).clock(time.clock()).ticker(time.ticker()::read).build();
    }

    JwtVerifier verifier(String jwksJson, String... algorithms) {
        return verifier(settings(jwksJson, algorithms));
    }

    JwtVerifier verifier(String jwksJson, UnaryOperator<JwtSettings.Builder> more, String... algorithms) {
        return verifier(more.apply(settings(jwksJson, algorithms)));
    }

    Path write(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
