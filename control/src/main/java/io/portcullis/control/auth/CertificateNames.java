package io.portcullis.control.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;

/**
 * The names a client certificate is given roles by, each typed by where in the certificate it is read: its subject
 * ({@code subject:CN=node-1,O=Example}, RFC 2253), a DNS subject alternative name ({@code dns:gw-1.example.org}) or
 * a URI one ({@code uri:spiffe://example.org/ci}). A name of one kind matches only a name of that kind, so a DNS
 * name whose text looks like a subject ({@code CN=op}) can never take the roles of that subject.
 *
 * <p>A {@code --cert-role} key without a type keeps its documented meaning as long as it is unambiguous: one that
 * starts with a URI scheme and {@code //} is a URI, one holding {@code =} is a subject, any other a DNS name.
 */
public final class CertificateNames {

    private static final Pattern SCHEME_AUTHORITY = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");
    private static final Pattern DNS = Pattern.compile("(\\*\\.)?[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.?");
    private static final String EXPECTED = "expected: subject:DN, dns:NAME or uri:URI, e.g. subject:CN=node-1, "
            + "dns:gw-1.example.org, uri:spiffe://example.org/ci";

    private CertificateNames() {}

    /**
     * The typed key for a name as written in {@code --cert-role}: {@code subject:}, {@code dns:} or {@code uri:}
     * followed by the name (a subject normalized to RFC 2253), or an untyped name read as the class comment says.
     *
     * @throws IllegalArgumentException saying what was wrong, e.g. a {@code dns:} name that is not a host name
     */
    public static String key(String written) {
        if (written.startsWith("subject:")) {
            return subject(written, written.substring("subject:".length()));
        }
        if (written.startsWith("dns:")) {
            return dns(written, written.substring("dns:".length()));
        }
        if (written.startsWith("uri:")) {
            return uri(written, written.substring("uri:".length()));
        }
        if (SCHEME_AUTHORITY.matcher(written).matches()) {
            return uri(written, written);
        }
        return written.contains("=") ? subject(written, written) : dns(written, written);
    }

    /** The typed keys of {@code certificate}: its subject, then each DNS and URI alternative name. */
    public static List<String> keys(X509Certificate certificate) {
        List<String> keys = new ArrayList<>();
        keys.add("subject:" + certificate.getSubjectX500Principal().getName(X500Principal.RFC2253));
        try {
            var sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == 2) {
                        keys.add("dns:" + san.get(1));
                    } else if (type == 6) {
                        keys.add("uri:" + san.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // no alternative names can be read: the subject alone
        }
        return keys;
    }

    private static String subject(String written, String dn) {
        try {
            return "subject:" + new X500Principal(dn).getName(X500Principal.RFC2253);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + written + "' is not an RFC 2253 distinguished name (" + EXPECTED
                    + ")", e);
        }
    }

    private static String dns(String written, String name) {
        if (!DNS.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + written + "' is not a DNS name (" + EXPECTED + ")");
        }
        return "dns:" + name;
    }

    private static String uri(String written, String uri) {
        try {
            if (new URI(uri).isAbsolute()) {
                return "uri:" + uri;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new IllegalArgumentException("'" + written + "' is not an absolute URI (" + EXPECTED + ")");
    }
}
