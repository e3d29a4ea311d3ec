package io.portcullis.identity.jwt;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * Verifies the JWTs of one API under its {@link JwtSettings}. Thread-safe; build one per API and configuration
 * snapshot, and {@link #close()} the old one on reload (it stops the JWKS refresher).
 *
 * <p>Design: {@link #verify} first looks the token's SHA-256 up in the verified-token cache (a hit costs the
 * hash, one lookup and a clock read, and allocates only the key record); a miss runs {@link JwsStage} then
 * {@link ClaimsStage} and caches a success until the token expires. Failures are values
 * ({@link JwtResult.Rejected}) with a distinct {@link AuthFailure} each, never exceptions.
 */
public final class JwtVerifier implements AutoCloseable {

    /** How far from this verifier's clock a request's time still counts as the present (cache use). */
    private static final long PRESENT_MILLIS = 1_000;

    private final JwtSettings settings;
    private final JwsStage jws;
    private final ClaimsStage claims;
    private final VerifiedTokenCache cache;
    private final KeySource publicKeys;
    private final Clock clock;

    private JwtVerifier(Builder b, KeySource publicKeys, KeySource sharedSecrets, VerifiedTokenCache cache) {
        this.settings = b.settings;
        this.publicKeys = publicKeys;
        this.jws = new JwsStage(settings.algorithms(), publicKeys, sharedSecrets, settings.maxTokenLength());
        this.claims = new ClaimsStage(settings, b.clock);
        this.clock = b.clock;
        this.cache = cache;
    }

    public static Builder builder(JwtSettings settings) {
        return new Builder(settings);
    }

    public JwtSettings settings() {
        return settings;
    }

    /** Reads the token where the settings say ({@link TokenSource}) and verifies it. */
    public JwtResult authenticate(Function<String, String> headerLookup) {
        TokenSource.Read read = settings.tokenSource().read(headerLookup);
        if (read instanceof TokenSource.Read.Token t) {
            return verify(t);
        }
        TokenSource.Read.Absent absent = (TokenSource.Read.Absent) read;
        return new JwtResult.Rejected(absent.failure(), absent.detail());
    }

    /**
     * As {@link #authenticate(Function)}, with the token's lifetime ({@code exp}, {@code nbf}, {@code iat}) judged
     * at {@code at}: the request's own time, or another instant to ask what would be decided then
     * ({@code explain --at}).
     */
    public JwtResult authenticate(Function<String, String> headerLookup, Instant at) {
        TokenSource.Read read = settings.tokenSource().read(headerLookup);
        if (read instanceof TokenSource.Read.Token t) {
            return present(at) ? verify(t) : verify(t.value(), at);
        }
        TokenSource.Read.Absent absent = (TokenSource.Read.Absent) read;
        return new JwtResult.Rejected(absent.failure(), absent.detail());
    }

    /**
     * Verifies a compact JWT as at {@code at}. The cache serves and learns only for the present (within the clock
     * skew of this verifier's clock): a token verified for another instant is checked in full and not cached, so
     * asking about next month never lets a not-yet-valid token in today.
     */
    public JwtResult verify(String token, Instant at) {
        long now = at.toEpochMilli();
        if (!present(at)) {
            JwtResult early = precheck(token);
            if (early != null) {
                return early;
            }
            JwsStage.Outcome outcome = jws.verify(token);
            return outcome.failure() != null ? new JwtResult.Rejected(outcome.failure(), outcome.detail())
                    : claims.check(outcome, now);
        }
        return verify(token);
    }

    /** Whether {@code at} is the present for the cache: within the clock skew of this verifier's clock. */
    private boolean present(Instant at) {
        return Math.abs(at.toEpochMilli() - clock.millis()) <= claims.skewMillis() + PRESENT_MILLIS;
    }

    private static final JwtResult NON_ASCII = new JwtResult.Rejected(AuthFailure.TOKEN_MALFORMED, "non-ASCII characters");

    /** A token refused before any cryptography (absent, too long, not ASCII), or null. */
    private JwtResult precheck(String token) {
        if (token == null || token.isEmpty()) {
            return new JwtResult.Rejected(AuthFailure.TOKEN_MISSING, "empty token");
        }
        if (token.length() > settings.maxTokenLength()) {
            return new JwtResult.Rejected(AuthFailure.TOKEN_MALFORMED,
                    token.length() + " chars (expected: <= " + settings.maxTokenLength() + ")");
        }
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) > 0x7f) {
                return NON_ASCII;
            }
        }
        return null;
    }

    /** Verifies a compact JWT: cache, then signature, then claims. */
    public JwtResult verify(String token) {
        return token == null ? precheck(null) : verify(new TokenSource.Read.Token(token));
    }

    /** As {@link #verify(String)}, on the token where it was read: copied out of its header only on a cache miss. */
    private JwtResult verify(TokenSource.Read.Token t) {
        int length = t.length();
        if (length == 0 || length > settings.maxTokenLength()) {
            return precheck(t.value());
        }
        TokenDigest key = TokenDigest.of(t.text(), t.from(), t.to()); // the cache key; null for a non-ASCII token
        if (key == null) {
            return NON_ASCII;
        }
        JwtResult.Verified hit = cache.get(key);
        if (hit != null) {
            return hit;
        }
        String token = t.value();
        JwsStage.Outcome outcome = jws.verify(token);
        if (outcome.failure() != null) {
            return new JwtResult.Rejected(outcome.failure(), outcome.detail());
        }
        JwtResult result = claims.check(outcome);
        if (result instanceof JwtResult.Verified verified) {
            cache.put(key, verified);
        }
        return result;
    }

    /** The JWS half alone, uncached: for signed content that is not a JWT, and for conformance tests. */
    public SignatureCheck verifySignature(String compactJws) {
        JwsStage.Outcome outcome = jws.verify(requireNonNull(compactJws, "compactJws"));
        return new SignatureCheck(outcome.failure(), outcome.detail());
    }

    /** Verified tokens currently cached (after pending evictions), for metrics and tests. */
    public long cachedTokens() {
        return cache.estimatedSize();
    }

    @Override
    public void close() {
        if (publicKeys != null) {
            publicKeys.close();
        }
    }

    /** Builds a {@link JwtVerifier}; loads local key files and makes the first remote JWKS fetch. */
    public static final class Builder {
        private final JwtSettings settings;
        private Clock clock = Clock.systemUTC();
        private Ticker ticker = Ticker.systemTicker();
        private SSLContext sslContext;

        private Builder(JwtSettings settings) {
            this.settings = requireNonNull(settings, "settings");
        }

        /** The clock for {@code exp}/{@code nbf}/{@code iat} and the JWKS refresh gap. */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        /** The ticker the token cache measures expiry with. */
        public Builder ticker(Ticker ticker) {
            this.ticker = requireNonNull(ticker, "ticker");
            return this;
        }

        /** The TLS context for fetching a remote JWKS (trust store); the JDK default when unset. */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = requireNonNull(sslContext, "sslContext");
            return this;
        }

        /**
         * @throws IllegalArgumentException when a local key file cannot be read, is not a JWK set, is ambiguous,
         *     or yields no usable key
         */
        public JwtVerifier build() {
            KeySource secrets = settings.sharedSecrets().map(p -> fixed(p, true, "sharedSecrets")).orElse(null);
            VerifiedTokenCache cache = new VerifiedTokenCache(settings.cacheMaxEntries(), clock, ticker,
                    settings.clockSkew().toMillis());
            KeySource publicKeys = settings.jwksFile().map(p -> fixed(p, false, "jwks")).orElse(null);
            if (settings.jwksUrl().isPresent()) {
                ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "portcullis-jwks-" + settings.jwksUrl().get().getHost());
                    t.setDaemon(true);
                    return t;
                });
                RemoteJwks remote = new RemoteJwks(settings.jwksUrl().get(), httpClient(), clock,
                        settings.jwksMinRefreshGap(), settings.jwksTimeout(), scheduler, cache::invalidateAll);
                remote.start(settings.jwksRefresh());
                publicKeys = remote;
            }
            return new JwtVerifier(this, publicKeys, secrets, cache);
        }

        private HttpClient httpClient() {
            try {
                return HttpClient.newBuilder()
                        .sslContext(sslContext != null ? sslContext : SSLContext.getDefault())
                        .connectTimeout(settings.jwksTimeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("no default TLS context", e);
            }
        }

        private static KeySource fixed(Path file, boolean symmetric, String setting) {
            String json;
            try {
                json = Files.readString(file);
            } catch (IOException e) {
                throw new IllegalArgumentException(setting + ": cannot read " + file + ": " + e
                        + " (expected: a readable JWK set file)", e);
            }
            TrustedKeys keys = TrustedKeys.parse(json, symmetric, setting + " " + file);
            if (keys.isEmpty()) {
                throw new IllegalArgumentException(setting + " " + file + ": no usable key " + keys.leftOut()
                        + " (expected: at least one)");
            }
            return new KeySource.Fixed(keys);
        }
    }
}
