package io.portcullis.config.api;

import java.nio.file.Path;
import java.util.Optional;

/** {@code tls}: the server certificate and key (PEM), and optional client-certificate verification. */
public record TlsConfig(Path cert, Path key, Optional<Path> clientCa, ClientAuthMode clientAuth, Optional<Path> crl,
                        boolean bindCertificateToWorkload) {}
