package io.portcullis.identity.jwt;

import io.portcullis.settings.JwsAlg;
import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code auth.jwt} settings of one API, immutable. Build with {@link #builder()}; each option is checked
 * when set and the cross-field rules (an HS algorithm needs {@code sharedSecrets}, any other needs
 * {@code jwks}) in {@link Builder#build()}.
 *
 * @param issuer the exact {@code iss} every token must carry
 * @param audiences {@code aud} must name at least one of these
 * @param algorithms the allow-list; {@code none} cannot be expressed
 * @param jwks an {@code https://} URL or a file path of the issuer's public JWK set; empty when only HS is used
 * @param sharedSecrets a file holding a JWK set of {@code oct} keys, the only source of HMAC secrets
 * @param clockSkew tolerance applied to {@code exp}, {@code nbf} and {@code iat}
 * @param tokenSource where the token is read from
 * @param jwksRefresh how often a remote JWKS is fetched on schedule
 * @param jwksMinRefreshGap the least time between two fetches, however many unknown kids arrive
 * @param jwksTimeout connect and read timeout of one JWKS fetch
 * @param cacheMaxEntries the most verified tokens kept
 * @param maxTokenLength longer tokens are rejected unparsed
 */
public record JwtSettings(String issuer, Set<String> audiences, Set<JwsAlg> algorithms, Optional<String> jwks,
                          Optional<Path> sharedSecrets, Duration clockSkew, TokenSource tokenSource,
                          Duration jwksRefresh, Duration jwksMinRefreshGap, Duration jwksTimeout,
                          long cacheMaxEntries, int maxTokenLength) {

    public JwtSettings {
        requireNonNull(issuer, "issuer");
        audiences = Set.copyOf(audiences);
        algorithms = algorithms.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(algorithms));
        requireNonNull(jwks, "jwks");
        requireNonNull(sharedSecrets, "sharedSecrets");
        requireNonNull(clockSkew, "clockSkew");
        requireNonNull(tokenSource, "tokenSource");
        requireNonNull(jwksRefresh, "jwksRefresh");
        requireNonNull(jwksMinRefreshGap, "jwksMinRefreshGap");
        requireNonNull(jwksTimeout, "jwksTimeout");
        check(!issuer.isBlank(), "issuer: '%s' (expected: non-empty)", issuer);
        check(!audiences.isEmpty(), "audiences: [] (expected: at least one)");
        check(!algorithms.isEmpty(), "algorithms: [] (expected: at least one of %s)", Arrays.toString(JwsAlg.values()));
        boolean hmac = algorithms.stream().anyMatch(JwsAlg::symmetric);
        boolean asymmetric = algorithms.stream().anyMatch(a -> !a.symmetric());
        check(!hmac || sharedSecrets.isPresent(),
                "algorithms: %s (expected: sharedSecrets set when an HS algorithm is allowed)", algorithms);
        check(hmac || sharedSecrets.isEmpty(),
                "sharedSecrets: %s (expected: only with an HS algorithm in algorithms)", sharedSecrets.orElse(null));
        check(!asymmetric || jwks.isPresent(),
                "jwks: none (expected: a file path or https URL when %s is allowed)", algorithms);
        check(asymmetric || jwks.isEmpty(), "jwks: %s (expected: only with a non-HS algorithm)", jwks.orElse(null));
        jwks.ifPresent(JwtSettings::checkJwksLocation);
        check(!clockSkew.isNegative() && clockSkew.compareTo(Duration.ofMinutes(5)) <= 0,
                "clockSkew: %s (expected: 0s..5m)", clockSkew);
        check(jwksRefresh.compareTo(Duration.ofSeconds(1)) >= 0, "jwksRefresh: %s (expected: >= 1s)", jwksRefresh);
        check(!jwksMinRefreshGap.isNegative(), "jwksMinRefreshGap: %s (expected: >= 0s)", jwksMinRefreshGap);
        check(!jwksTimeout.isNegative() && !jwksTimeout.isZero(), "jwksTimeout: %s (expected: > 0s)", jwksTimeout);
        check(cacheMaxEntries >= 0, "cacheMaxEntries: %s (expected: >= 0)", cacheMaxEntries);
        check(maxTokenLength > 0, "maxTokenLength: %s (expected: > 0)", maxTokenLength);
    }

    /** The remote JWKS URL, when {@code jwks} is one. */
    public Optional<URI> jwksUrl() {
        return jwks.filter(j -> j.startsWith("https://")).map(URI::create);
    }

    /** The local JWKS file, when {@code jwks} is one. */
    public Optional<Path> jwksFile() {
        return jwks.filter(j -> !j.startsWith("https://")).map(Path::of);
    }

    private static void checkJwksLocation(String location) {
        if (location.regionMatches(true, 0, "https://", 0, 8)) {
            check(location.startsWith("https://"), "jwks: '%s' (expected: scheme in lower case)", location);
            URI uri;
            try {
                uri = URI.create(location);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("jwks: '" + location + "' (expected: a valid https URL)", e);
            }
            check(uri.getHost() != null && uri.getUserInfo() == null && uri.getFragment() == null,
                    "jwks: '%s' (expected: https://host[:port]/path, no user info or fragment)", location);
            return;
        }
        check(!location.contains("://"), "jwks: '%s' (expected: an https URL or a file path)", location);
        check(!location.isBlank(), "jwks: '' (expected: an https URL or a file path)");
    }

    static void check(boolean ok, String format, Object... args) {
        if (!ok) {
            throw new IllegalArgumentException(String.format(format, args));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link JwtSettings}; defaults: bearer token, 60 s skew, 5 min refresh, 30 s refresh gap. */
    public static final class Builder {
        private String issuer = "";
        private Set<String> audiences = Set.of();
        private Set<JwsAlg> algorithms = Set.of();
        private Optional<String> jwks = Optional.empty();
        private Optional<Path> sharedSecrets = Optional.empty();
        private Duration clockSkew = Duration.ofSeconds(60);
        private TokenSource tokenSource = TokenSource.bearer();
        private Duration jwksRefresh = Duration.ofMinutes(5);
        private Duration jwksMinRefreshGap = Duration.ofSeconds(30);
        private Duration jwksTimeout = Duration.ofSeconds(5);
        private long cacheMaxEntries = 100_000;
        private int maxTokenLength = 16 * 1024;

        private Builder() { }

        public Builder issuer(String issuer) {
            this.issuer = requireNonNull(issuer, "issuer");
            return this;
        }

        public Builder audiences(String... audiences) {
            this.audiences = Set.of(audiences);
            return this;
        }

        /** Sets the allow-list by JWA name, rejecting anything else ({@code none}, {@code ES256K}, a typo). */
        public Builder algorithms(String... names) {
            EnumSet<JwsAlg> set = EnumSet.noneOf(JwsAlg.class);
            for (int i = 0; i < names.length; i++) {
                JwsAlg alg = JwsAlg.byName(names[i]);
                check(alg != null, "algorithms[%s]: '%s' (expected: one of %s)", i, names[i],
                        Arrays.toString(JwsAlg.values()));
                set.add(alg);
            }
            this.algorithms = set;
            return this;
        }

        public Builder algorithms(List<JwsAlg> algorithms) {
            this.algorithms = Set.copyOf(algorithms);
            return this;
        }

        public Builder jwks(String location) {
            checkJwksLocation(requireNonNull(location, "jwks"));
            this.jwks = Optional.of(location);
            return this;
        }

        public Builder sharedSecrets(Path file) {
            this.sharedSecrets = Optional.of(requireNonNull(file, "sharedSecrets"));
            return this;
        }

        public Builder clockSkew(Duration skew) {
            this.clockSkew = requireNonNull(skew, "clockSkew");
            return this;
        }

        public Builder tokenSource(TokenSource source) {
            this.tokenSource = requireNonNull(source, "tokenSource");
            return this;
        }

        public Builder jwksRefresh(Duration every) {
            this.jwksRefresh = requireNonNull(every, "jwksRefresh");
            return this;
        }

        public Builder jwksMinRefreshGap(Duration gap) {
            this.jwksMinRefreshGap = requireNonNull(gap, "jwksMinRefreshGap");
            return this;
        }

        public Builder jwksTimeout(Duration timeout) {
            this.jwksTimeout = requireNonNull(timeout, "jwksTimeout");
            return this;
        }

        public Builder cacheMaxEntries(long max) {
            this.cacheMaxEntries = max;
            return this;
        }

        public Builder maxTokenLength(int max) {
            this.maxTokenLength = max;
            return this;
        }

        public JwtSettings build() {
            return new JwtSettings(issuer, audiences, algorithms, jwks, sharedSecrets, clockSkew, tokenSource,
                    jwksRefresh, jwksMinRefreshGap, jwksTimeout, cacheMaxEntries, maxTokenLength);
        }
    }
}
