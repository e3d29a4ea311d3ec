package io.portcullis.console.internal;

import static java.util.Objects.requireNonNull;

import io.portcullis.config.node.ConsoleConfig;
import io.portcullis.gateway.tls.TlsContexts;
import io.portcullis.identity.jwt.JwtResult;
import io.portcullis.identity.jwt.JwtVerifier;
import io.portcullis.runtime.auth.Authorizers;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is asking: a client certificate the TLS handshake verified (on a node, its primary identity listed in
 * {@code console.auth.certificates}; at the control plane, its {@code --cert-role} roles), or a session opened by
 * signing in with a token that the gateway's own verifier ({@link JwtVerifier}: on a node built from
 * {@code console.auth.jwt} by {@link Authorizers#settings}, at the control plane its {@code --jwt-*} options) accepts
 * and whose roles claim names a role. Sessions live in memory (a restart signs everyone out) and end with the token or
 * after {@link #MAX_SESSION}. Tokens are never kept or logged; a refusal is logged with its cause, never the token.
 */
public final class SignIn implements AutoCloseable {

    static final Duration MAX_SESSION = Duration.ofHours(8);
    private static final Logger log = LoggerFactory.getLogger(SignIn.class);

    /** The user a verified client certificate signs in, if any. */
    @FunctionalInterface
    public interface Certificates {
        Optional<User> user(X509Certificate leaf);

        Certificates NONE = leaf -> Optional.empty();
    }

    private final JwtVerifier verifier;
    private final String rolesClaim;
    private final Certificates certificates;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, User> sessions = new ConcurrentHashMap<>();

    /**
     * @param verifier verifies the tokens users sign in with (closed with this), when tokens sign users in
     * @param rolesClaim the claim naming a token's roles: a list of strings, or one space-separated string
     * @param certificates the user of a verified client certificate
     */
    public SignIn(Optional<JwtVerifier> verifier, String rolesClaim, Certificates certificates, Clock clock) {
        this.verifier = requireNonNull(verifier, "verifier").orElse(null);
        this.rolesClaim = requireNonNull(rolesClaim, "rolesClaim");
        this.certificates = requireNonNull(certificates, "certificates");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * The sign-in of a node's {@code console} section: tokens verified as an API's {@code auth.jwt} are, certificate
     * identities (first SAN URI, else DNS name) listed in {@code auth.certificates}.
     */
    public static SignIn of(ConsoleConfig config, Clock clock) {
        return new SignIn(config.jwt().map(j -> JwtVerifier.builder(Authorizers.settings(j)).clock(clock).build()),
                config.rolesClaim(), leaf -> {
                    String identity = TlsContexts.identity(leaf).primary();
                    Role role = config.operators().contains(identity) ? Role.OPERATOR
                            : config.viewers().contains(identity) ? Role.VIEWER : null;
                    return role == null ? Optional.empty()
                            : Optional.of(new User(identity, role, leaf.getNotAfter().toInstant()));
                }, clock);
    }

    /** Whether tokens sign users in (the login page shows its form). */
    public boolean tokens() {
        return verifier != null;
    }

    /** The user of a verified client certificate chain, when its identity is listed. */
    public Optional<User> certificate(Certificate[] chain) {
        if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
            return Optional.empty();
        }
        return certificates.user(leaf);
    }

    /** The highest role among these role names ({@code viewer}, {@code operator}); empty when none is one. */
    public static Optional<Role> role(java.util.Collection<String> names) {
        return Role.fromClaim(names);
    }

    /** Opens a session for {@code token}, or empty when it is refused (the cause logged, never the token). */
    public Optional<String> open(String token) {
        if (verifier == null || token == null || token.isBlank()) {
            return Optional.empty();
        }
        JwtResult result = verifier.verify(token.strip(), clock.instant());
        if (!(result instanceof JwtResult.Verified verified)) {
            JwtResult.Rejected rejected = (JwtResult.Rejected) result;
            log.warn("console sign-in refused: {} ({})", rejected.failure(), rejected.detail());
            return Optional.empty();
        }
        Object claim = verified.token().claim(rolesClaim);
        List<String> roles = claim instanceof String s ? List.of(s.trim().split("\\s+")) : verified.token().strings(rolesClaim);
        Optional<Role> role = Role.fromClaim(roles);
        if (role.isEmpty()) {
            log.warn("console sign-in refused: subject {} has no console role in claim {} (expected: viewer or operator)",
                    verified.token().subject(), rolesClaim);
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant until = verified.token().expiresAt().isBefore(now.plus(MAX_SESSION)) ? verified.token().expiresAt()
                : now.plus(MAX_SESSION);
        byte[] id = new byte[32];
        random.nextBytes(id);
        String session = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        sessions.values().removeIf(u -> !u.until().isAfter(now));
        sessions.put(session, new User(verified.token().subject(), role.get(), until));
        log.info("console sign-in: {} as {}", verified.token().subject(), role.get().label());
        return Optional.of(session);
    }

    /** The user of a session id, while it holds. */
    public Optional<User> session(String id) {
        if (id == null) {
            return Optional.empty();
        }
        User user = sessions.get(id);
        if (user == null || !user.until().isAfter(clock.instant())) {
            if (user != null) {
                sessions.remove(id);
            }
            return Optional.empty();
        }
        return Optional.of(user);
    }

    public void close(String session) {
        if (session != null) {
            sessions.remove(session);
        }
    }

    @Override
    public void close() {
        sessions.clear();
        if (verifier != null) {
            verifier.close();
        }
    }
}
