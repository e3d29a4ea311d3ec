package io.portcullis.identity.binding;

import static java.util.Objects.requireNonNull;

import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import io.portcullis.identity.mtls.CertificateIdentity;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Client certificates bound to the network, as {@code auth.bind} binds a token's claims: a certificate identity
 * that belongs to a caller ({@code partners[].certificates}) counts only from that caller's addresses, and from the
 * addresses of a caller that declares certificates only its own count. A partner's certificate used from anywhere
 * else, or another certificate used from a partner's range, is {@code identity/certificate-network-mismatch}.
 * Certificates no caller declares are not bound here ({@code tls.bindCertificateToWorkload} binds them by name).
 *
 * <p>Design: two immutable hash tables built once per plan; a check is at most two lookups and an allow returns
 * one pre-built {@link Decision}. DNS identities compare without case (lower-case keys).
 */
public final class CertificateBinding {

    public static final Reason MISMATCH = new Reason(Layer.IDENTITY, "certificate-network-mismatch");
    /** No certificate belongs to any caller: every check allows. */
    public static final CertificateBinding NONE = new CertificateBinding(Map.of());

    private final Map<String, String> owners;
    private final Set<String> declaring;
    private final Decision allow = Decision.allow(new Reason(Layer.IDENTITY, "certificate-network-bound"),
            "partners[].certificates", "");

    /** @param owners each certificate identity (a URI as written, a DNS name in lower case) and the caller it is */
    public CertificateBinding(Map<String, String> owners) {
        this.owners = Map.copyOf(requireNonNull(owners, "owners"));
        this.declaring = Set.copyOf(owners.values());
    }

    /**
     * @param caller the id of the workload or partner the network layer resolved the source to, or empty
     */
    public Decision check(CertificateIdentity certificate, String caller) {
        if (owners.isEmpty()) {
            return allow;
        }
        String value = certificate.kind() == CertificateIdentity.Kind.DNS ? certificate.value().toLowerCase(Locale.ROOT)
                : certificate.value();
        String owner = owners.get(value);
        if (owner != null && !owner.equals(caller)) {
            return Decision.deny(MISMATCH, "partners[].certificates", "certificate " + value + " is partner '" + owner
                    + "''s, presented from " + (caller.isEmpty() ? "an address of no declared caller" : "'" + caller + "'"));
        }
        if (owner == null && declaring.contains(caller)) {
            return Decision.deny(MISMATCH, "partners[].certificates", "partner '" + caller + "' declares its certificates and "
                    + value + " is not one of them");
        }
        return allow;
    }
}
