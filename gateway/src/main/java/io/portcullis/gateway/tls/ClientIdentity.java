package io.portcullis.gateway.tls;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The identity a verified client certificate asserts: its SAN URIs (for example a SPIFFE id) and SAN DNS
 * names, and the subject for logs. Only certificates that passed chain (and CRL) verification produce one.
 *
 * @param uris SAN URIs, in certificate order
 * @param dnsNames SAN DNS names, in certificate order
 * @param subject the subject distinguished name, for logs only
 */
public record ClientIdentity(List<String> uris, List<String> dnsNames, String subject) {

    public ClientIdentity {
        uris = List.copyOf(uris);
        dnsNames = List.copyOf(dnsNames);
        requireNonNull(subject, "subject");
    }

    /** The primary identity: the first SAN URI, else the first DNS name, else {@code ""}. */
    public String primary() {
        return !uris.isEmpty() ? uris.get(0) : dnsNames.isEmpty() ? "" : dnsNames.get(0);
    }
}
