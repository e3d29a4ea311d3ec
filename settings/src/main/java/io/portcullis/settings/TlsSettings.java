package io.portcullis.settings;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * TLS termination for one API: PEM certificate chain and PKCS#8 key, and for mTLS the client CA bundle, the
 * client-auth mode and an optional CRL file. With {@code bindCertificateToWorkload} the verified client
 * certificate must name the workload the network layer resolved for the connection.
 */
public record TlsSettings(Path cert, Path key, Optional<Path> clientCa, ClientAuth clientAuth, Optional<Path> crl,
                          boolean bindCertificateToWorkload) {

    public TlsSettings {
        requireNonNull(cert, "cert");
        requireNonNull(key, "key");
        requireNonNull(clientCa, "clientCa");
        requireNonNull(clientAuth, "clientAuth");
        requireNonNull(crl, "crl");
        if (clientAuth != ClientAuth.NONE && clientCa.isEmpty()) {
            throw new IllegalArgumentException("clientCa: missing (expected: the CA bundle that signs client "
                    + "certificates, since clientAuth is " + clientAuth.name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        if (crl.isPresent() && clientCa.isEmpty()) {
            throw new IllegalArgumentException("crl: set without clientCa (expected: clientCa as well)");
        }
        if (bindCertificateToWorkload && clientAuth != ClientAuth.REQUIRED) {
            throw new IllegalArgumentException("bindCertificateToWorkload: true while clientAuth is "
                    + clientAuth.name().toLowerCase(java.util.Locale.ROOT) + " (expected: clientAuth required, so every "
                    + "connection has a certificate to bind)");
        }
    }

    /** TLS without client certificates. */
    public static TlsSettings serverOnly(Path cert, Path key) {
        return new TlsSettings(cert, key, Optional.empty(), ClientAuth.NONE, Optional.empty(), false);
    }
}
