package io.portcullis.identity.mtls;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who a verified client certificate names. Taken from the subject alternative names only (never the subject
 * CN): a SPIFFE id when the certificate has exactly one {@code spiffe://} URI (the X.509-SVID rule), else the
 * only URI SAN, else the only DNS name. Several candidates of the chosen kind are ambiguous and give no
 * identity. The certificate must already be verified by the TLS layer; this class reads, it does not trust.
 */
public record CertificateIdentity(Kind kind, String value) {

    /** Which SAN the identity came from. */
    public enum Kind { SPIFFE, URI, DNS }

    private static final int SAN_URI = 6;
    private static final int SAN_DNS = 2;

    public CertificateIdentity {
        requireNonNull(kind, "kind");
        requireNonNull(value, "value");
        if (kind == Kind.SPIFFE && !isSpiffeId(value)) {
            throw new IllegalArgumentException("value: '" + value
                    + "' (expected: spiffe://<trust-domain>/<path> per the SPIFFE ID specification)");
        }
    }

    /** The identity the certificate names, or empty when it names none or several. */
    public static Optional<CertificateIdentity> of(X509Certificate certificate) {
        Collection<List<?>> sans;
        try {
            sans = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return Optional.empty();
        }
        if (sans == null) {
            return Optional.empty();
        }
        List<String> uris = new ArrayList<>();
        List<String> dns = new ArrayList<>();
        for (List<?> san : sans) {
            if (san.size() == 2 && san.get(0) instanceof Integer type && san.get(1) instanceof String v) {
                if (type == SAN_URI) {
                    uris.add(v);
                } else if (type == SAN_DNS) {
                    dns.add(v.toLowerCase(Locale.ROOT));
                }
            }
        }
        List<String> spiffe = uris.stream().filter(u -> u.regionMatches(true, 0, "spiffe://", 0, 9)).toList();
        if (!spiffe.isEmpty()) {
            return spiffe.size() == 1 && uris.size() == 1 && isSpiffeId(spiffe.get(0))
                    ? Optional.of(new CertificateIdentity(Kind.SPIFFE, spiffe.get(0))) : Optional.empty();
        }
        if (!uris.isEmpty()) {
            return uris.size() == 1 ? Optional.of(new CertificateIdentity(Kind.URI, uris.get(0))) : Optional.empty();
        }
        return dns.size() == 1 ? Optional.of(new CertificateIdentity(Kind.DNS, dns.get(0))) : Optional.empty();
    }

    /** SPIFFE ID: lower-case trust domain, non-empty path segments of [A-Za-z0-9.-_] other than . and .., no query. */
    static boolean isSpiffeId(String id) {
        if (!id.startsWith("spiffe://") || id.length() > 2048) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(id);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        String domain = uri.getRawAuthority();
        if (domain == null || !domain.matches("[a-z0-9._-]+") || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            return false;
        }
        String path = uri.getRawPath();
        if (path == null || path.isEmpty()) {
            return true;
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || !segment.matches("[A-Za-z0-9._-]+")) {
                return false;
            }
        }
        return path.startsWith("/");
    }
}
