package io.portcullis.control.auth;

import static java.util.Objects.requireNonNull;

import io.portcullis.identity.jwt.JwtResult;
import io.portcullis.identity.jwt.JwtVerifier;
import io.portcullis.identity.jwt.VerifiedToken;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is calling: a bearer token verified by the identity module's {@link JwtVerifier} (the gateway's verifier), its
 * roles read from one claim; else the client certificate the TLS handshake verified against the client CA, its roles
 * from the mapping of its typed names ({@link CertificateNames}: the RFC 2253 subject, a DNS or a URI subject
 * alternative name, each matched only against names of its kind) to roles. A token
 * that does not verify is refused even when a certificate was presented. Tokens are never logged: only the
 * verifier's detail, which never holds the token.
 */
public final class Authenticator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);

    /** The outcome: a caller, or why none (for the log; the client is told only 401). */
    public sealed interface Outcome permits Authenticated, Unauthenticated {}

    public record Authenticated(Caller caller) implements Outcome {}

    public record Unauthenticated(String reason) implements Outcome {}

    private final Map<String, Set<Role>> certificateRoles;
    private final Optional<JwtVerifier> jwt;
    private final String rolesClaim;

    /**
     * @param certificateRoles certificate name to roles, as {@code --cert-role} takes it: typed ({@code subject:DN},
     *                         {@code dns:NAME}, {@code uri:URI}) or untyped, each read by {@link CertificateNames#key}
     *                         here, so an untyped name can never be compared with a typed one and match nothing
     * @param jwt the verifier of bearer tokens, when tokens are accepted
     * @param rolesClaim the claim holding a token's roles (a list of strings, or one space-separated string)
     */
    public Authenticator(Map<String, Set<Role>> certificateRoles, Optional<JwtVerifier> jwt, String rolesClaim) {
        Map<String, Set<Role>> typed = new HashMap<>();
        certificateRoles.forEach((name, roles) -> typed.merge(CertificateNames.key(name), Set.copyOf(roles), (a, b) -> {
            Set<Role> both = EnumSet.noneOf(Role.class);
            both.addAll(a);
            both.addAll(b);
            return Set.copyOf(both);
        }));
        this.certificateRoles = Map.copyOf(typed);
        this.jwt = requireNonNull(jwt, "jwt");
        this.rolesClaim = requireNonNull(rolesClaim, "rolesClaim");
    }

    /** Authenticates a request with this {@code Authorization} header (or null) on a connection with this chain. */
    public Outcome authenticate(String authorization, List<X509Certificate> chain) {
        if (authorization != null) {
            return token(authorization);
        }
        if (chain.isEmpty()) {
            return new Unauthenticated("no client certificate and no bearer token");
        }
        X509Certificate leaf = chain.get(0);
        String subject = leaf.getSubjectX500Principal().getName(X500Principal.RFC2253);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String key : CertificateNames.keys(leaf)) {
            roles.addAll(certificateRoles.getOrDefault(key, Set.of()));
        }
        return new Authenticated(new Caller("cert:" + subject, commonName(leaf.getSubjectX500Principal(), subject), roles));
    }

    private Outcome token(String authorization) {
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new Unauthenticated("Authorization header without a bearer token");
        }
        if (jwt.isEmpty()) {
            return new Unauthenticated("a bearer token, but this control plane accepts no tokens (no --jwt-issuer)");
        }
        JwtResult r = jwt.get().verify(authorization.substring(7).trim());
        if (r instanceof JwtResult.Rejected rejected) {
            return new Unauthenticated("token refused: " + rejected.failure() + ": " + rejected.detail());
        }
        VerifiedToken token = ((JwtResult.Verified) r).token();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : roles(token)) {
            try {
                roles.add(Role.of(name));
            } catch (IllegalArgumentException e) {
                LOG.debug("token of {} names unknown role {}", token.subject(), name);
            }
        }
        return new Authenticated(new Caller("jwt:" + token.issuer() + "#" + token.subject(), token.subject(), roles));
    }

    private List<String> roles(VerifiedToken token) {
        Object claim = token.claim(rolesClaim);
        if (claim instanceof String s) {
            return List.of(s.trim().split("\\s+"));
        }
        return token.strings(rolesClaim);
    }

    /** The subject's CN, or the whole subject when it has none. */
    private static String commonName(X500Principal principal, String subject) {
        try {
            for (javax.naming.ldap.Rdn rdn : new javax.naming.ldap.LdapName(subject).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (javax.naming.InvalidNameException e) {
            // the whole subject then
        }
        return principal.getName(X500Principal.RFC2253);
    }

    @Override
    public void close() {
        jwt.ifPresent(JwtVerifier::close);
    }
}
